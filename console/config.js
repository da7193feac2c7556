// Where the console finds its API and how supervisors sign in. This file is for `serve`
// (same origin, no sign-in); deploying writes its own (see the README's Deploy section):
// window.LEAD_IMPORT_CONFIG = { apiUrl, authUrl, clientId } with authUrl the Cognito domain.
window.LEAD_IMPORT_CONFIG = { apiUrl: '' };
