// Entry point of the language server process (dist/server.js). The transport
// (--node-ipc from VS Code, --stdio from other editors) comes from argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from '../language/node-file-system';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// a stray exception in a handler must not end the process the editor relies on
process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err.stack ?? err.message}`));
startServer(connection, { fileSystem: nodeFileSystem });
