// Two OpenID providers for tests/sso_browser.rs, built on panva's oidc-provider (OpenID Certified),
// with its development sign-in page: any login and password are accepted, and the login is the
// person's e-mail address. The person's roles come from the address's local part, so that the test
// decides them: "admin.*" gets the app role Retning.Admin, "viewer.*" Retning.Viewer.
//
//   node provider.mjs RETNING_BASE_URL PORT_A PORT_B
//
// Provider A is http://127.0.0.1:PORT_A for the municipality "sonderborg", provider B is
// http://localhost:PORT_B for "skanderborg" (another host name, so the two providers' cookies stay
// apart in the one browser). Prints "ready" when both listen. Test keys only: nothing here is secret.
import Provider from 'oidc-provider';

const [base, portA, portB] = process.argv.slice(2);
if (!base || !portA || !portB) {
  console.error('usage: node provider.mjs RETNING_BASE_URL PORT_A PORT_B');
  process.exit(2);
}

function rolesOf(email) {
  if (email.startsWith('admin.')) return ['Retning.Admin'];
  if (email.startsWith('viewer.')) return ['Retning.Viewer'];
  return [];
}

function start(host, port, slug, n) {
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: `retning-${n}`,
      client_secret: `test-secret-${n}`,
      redirect_uris: [`${base}/sso/${slug}/callback`],
      post_logout_redirect_uris: [`${base}/login?signed_out=1`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    cookies: { keys: [`test-cookie-key-${n}`] },
    pkce: { required: () => true },
    // Claims in the ID token itself (Retning reads roles from it, as from Entra ID's).
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles'] },
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: `subject-of-${id}`,
        email: id,
        email_verified: true,
        name: id.split('@')[0].replace(/[._]/g, ' '),
        roles: rolesOf(id),
      }),
    }),
    // First-party application: no consent page (the documented way, a grant made just in time).
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  return new Promise((resolve) => {
    provider.listen(Number(port), host === 'localhost' ? '127.0.0.1' : host, resolve);
  });
}

await Promise.all([
  start('127.0.0.1', portA, 'sonderborg', 1),
  start('localhost', portB, 'skanderborg', 2),
]);
console.log('ready');
