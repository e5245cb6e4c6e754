// Messages of our own between the extension (src/client) and the language server, beyond LSP.

/** The user granted workspace trust (VS Code's onDidGrantWorkspaceTrust): the server may now read the catalogue files anywhere. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'fluentd/workspaceTrusted';
