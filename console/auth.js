'use strict';
// Sign-in for the deployed console: Cognito's hosted UI with the authorization code flow and
// PKCE; the ID token is kept in sessionStorage and sent as the API's bearer token. With no
// authUrl configured (serve), nobody signs in.
window.LEAD_IMPORT = (function auth(config) {
  const api = { apiUrl: config.apiUrl || '', token: () => sessionStorage.getItem('idToken') };
  if (!config.authUrl) return api;
  // always the console's root, the one callback URL the user pool client allows (not /index.html)
  const redirectUri = window.location.origin + '/';
  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  async function signIn() {
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    sessionStorage.setItem('pkceVerifier', verifier);
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    window.location.assign(`${config.authUrl}/oauth2/authorize?response_type=code&client_id=${config.clientId}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid+email&code_challenge_method=S256&code_challenge=${challenge}`);
  }
  async function exchange(code) {
    const response = await fetch(config.authUrl + '/oauth2/token', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri,
        code_verifier: sessionStorage.getItem('pkceVerifier') || '' }),
    });
    if (!response.ok) throw new Error('sign-in failed: ' + response.status);
    sessionStorage.setItem('idToken', (await response.json()).id_token);
    window.history.replaceState({}, '', redirectUri);
  }
  api.ready = (async () => {
    const code = new URLSearchParams(window.location.search).get('code');
    if (code) await exchange(code);
    const token = sessionStorage.getItem('idToken');
    const expired = token && JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000 < Date.now();
    if (!token || expired) await signIn();
  })();
  return api;
}(window.LEAD_IMPORT_CONFIG || {}));
