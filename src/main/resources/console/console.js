// Foyer's operator console: one page that works on the admin API with the operator's console
// session. No framework and no inline script or style (the page's policy allows neither): every
// element is made with h(), every text set as text, never as HTML.
'use strict';

const main = document.getElementById('main');
const statusBox = document.getElementById('status');
let operator = null;

// ---- DOM ------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElementNS(
    tag === 'svg' || attrs?.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml',
    tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'svg' || value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function show(title, ...content) {
  document.title = title + ' · Foyer console';
  main.replaceChildren(h('h1', {text: title}), ...content.filter(Boolean));
  main.focus();
}

function say(text, ok = true, code = null) {
  const msg = h('div', {class: 'msg ' + (ok ? 'ok' : 'bad')}, text);
  if (code) {
    msg.append(' ', h('a', {href: '/errors#' + code.toLowerCase(), target: '_blank', rel: 'noopener'},
      'What ' + code + ' means'));
  }
  statusBox.replaceChildren(msg);
}

function clearStatus() {
  statusBox.replaceChildren();
}

function field(label, input, hint) {
  input.id = input.id || 'f-' + Math.random().toString(36).slice(2, 9);
  const parts = [h('label', {for: input.id, text: label}), input];
  if (hint) {
    const hintId = input.id + '-hint';
    input.setAttribute('aria-describedby', hintId);
    parts[1] = h('div', {}, input, h('div', {id: hintId, class: 'muted', text: hint}));
  }
  return parts;
}

function text(name, value, extra = {}) {
  return h('input', {name, value: value ?? '', type: 'text', ...extra});
}

function check(name, value) {
  return h('input', {name, type: 'checkbox', checked: !!value});
}

function select(name, options, value) {
  return h('select', {name},
    options.map(o => h('option', {value: o, selected: o === value}, o)));
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

// ---- API --------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || ('HTTP ' + status));
    this.status = status;
    this.code = problem?.code;
  }
}

async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (method !== 'GET' && operator) headers['X-Foyer-CSRF'] = operator.csrf;
  const init = {method, headers, credentials: 'same-origin'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') && response.status !== 204 ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/console/operator') {
      operator = null;
      signedOut();
    }
    throw new ApiError(response.status, data);
  }
  return data;
}

// A list the API answers a page at a time: the items and the address of the next page, if any
// (its Link: <...>; rel="next" header).
async function apiPage(path) {
  const response = await fetch(path, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'});
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) {
      operator = null;
      signedOut();
    }
    throw new ApiError(response.status, data);
  }
  const link = response.headers.get('Link') || '';
  const next = link.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  return {items: data, next: next ? next[1] : null};
}

// Runs an action, saying what went wrong with its code linked to its explanation.
async function attempt(action, done) {
  clearStatus();
  try {
    const result = await action();
    if (done) say(done);
    return result;
  } catch (e) {
    say(e.message, false, e.code);
    return undefined;
  }
}

function admin() {
  return operator?.role === 'foyer-admin';
}

const enc = encodeURIComponent;

// ---- Pages ------------------------------------------------------------------------------------

async function signedOut() {
  document.getElementById('operator').replaceChildren();
  document.getElementById('space-nav').replaceChildren();
  const options = await fetch('/console/sign-in-options', {headers: {'Accept': 'application/json'}})
    .then(r => r.json()).catch(() => ({}));
  show('Sign in',
    options.oidc ? h('p', {}, h('a', {class: 'button', href: options.oidc}, 'Sign in with your organisation')) : null,
    h('p', {}, 'Or sign in with a console link: ',
      h('code', {text: 'bin/run'}), ' prints one, and an admin token makes one with ',
      h('code', {text: 'POST /api/admin/console-links'}), '.'));
}

async function spacesPage() {
  const spaces = await api('GET', '/api/admin/spaces');
  const rows = spaces.map(s => h('tr', {},
    h('td', {}, h('a', {href: '#/spaces/' + enc(s.slug)}, s.name)),
    h('td', {}, h('code', {text: s.slug})),
    h('td', {text: s.visibility}),
    h('td', {}, h('a', {href: '#/spaces/' + enc(s.slug) + '/members'}, 'Members'), ' · ',
      h('a', {href: '#/spaces/' + enc(s.slug) + '/sign-ins'}, 'Sign-ins'))));
  const content = [
    h('table', {}, h('caption', {class: 'muted', text: spaces.length + ' spaces'}),
      h('thead', {}, h('tr', {}, ['Name', 'Slug', 'Visibility', ''].map(t => h('th', {scope: 'col', text: t})))),
      h('tbody', {}, rows))];
  if (admin()) {
    const form = h('form', {class: 'grid', 'aria-label': 'New space'},
      ...field('Slug', text('slug', '', {required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 64}),
        'Lower-case letters and digits joined by -; it names the space in every address.'),
      ...field('Name', text('name', '', {required: true, maxlength: 255})),
      ...field('Visibility', select('visibility', ['PUBLIC', 'PRIVATE'], 'PUBLIC')),
      h('div', {class: 'wide actions'}, h('button', {type: 'submit', text: 'Create space'})));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const data = new FormData(form);
      const created = await attempt(() => api('POST', '/api/admin/spaces', {
        slug: data.get('slug'), name: data.get('name'), visibility: data.get('visibility')}));
      if (created) {
        location.hash = '#/spaces/' + enc(created.slug);
        sayOnce('Space ' + created.slug + ' created. Its signing secret, shown only now:', created.signingSecret);
      }
    });
    content.push(h('h2', {text: 'New space'}), h('section', {class: 'card'}, form));
    content.push(h('h2', {text: 'Import a space'}), importForm(null));
  }
  show('Spaces', ...content);
}

let pendingSecret = null;

function sayOnce(message, secret) {
  pendingSecret = {message, secret};
}

function secretNotice() {
  if (!pendingSecret) return null;
  const {message, secret} = pendingSecret;
  pendingSecret = null;
  return h('section', {class: 'card', role: 'alert'}, h('p', {text: message}),
    h('p', {class: 'secret', text: secret}),
    h('p', {class: 'muted', text: 'Copy it now: Foyer keeps only a sealed copy and never shows it again.'}));
}

function spaceNav(slug, current) {
  const nav = document.getElementById('space-nav');
  const links = [['Settings', ''], ['Members', '/members'], ['Sign-ins', '/sign-ins']];
  nav.replaceChildren(h('a', {href: '#/'}, 'All spaces'),
    ...links.map(([label, suffix]) => h('a', {
      href: '#/spaces/' + enc(slug) + suffix,
      'aria-current': current === label ? 'page' : null}, label + (suffix ? '' : ' of ' + slug))));
}

async function spacePage(slug) {
  spaceNav(slug, 'Settings');
  const [space, events, providers] = await Promise.all([
    api('GET', '/api/admin/spaces/' + enc(slug)),
    api('GET', '/api/admin/spaces/' + enc(slug) + '/events'),
    api('GET', '/api/admin/spaces/' + enc(slug) + '/identity-providers')]);
  const base = '/api/admin/spaces/' + enc(slug);

  const settings = h('form', {class: 'grid', 'aria-label': 'Space settings'},
    ...field('Name', text('name', space.name, {required: true})),
    ...field('Landing URL', text('landingUrl', space.landingUrl, {type: 'url'}),
      'Where a sign-in without an event lands; empty: the space\'s own page.'),
    ...field('Visibility', select('visibility', ['PUBLIC', 'PRIVATE'], space.visibility)),
    ...field('Allowed origins', text('allowedOrigins', (space.allowedOrigins || []).join(' ')),
      'Origins that may embed the space, separated by spaces (https://intranet.example.com).'),
    ...field('Signed links required', check('signedLinksRequired', space.signedLinksRequired)),
    ...field('Link by email', check('linkByEmail', space.linkByEmail)),
    ...field('Always use SSO nicknames', check('alwaysSsoNicknames', space.alwaysSsoNicknames)),
    h('div', {class: 'wide actions'}, h('button', {type: 'submit', text: 'Save settings'}),
      h('button', {type: 'button', class: 'secondary', text: 'Rotate signing secret', onclick: async () => {
        const rotated = await attempt(() => api('POST', base + '/signing-secret'));
        if (rotated) {
          sayOnce('The new signing secret (the previous one stays valid for the overlap):', rotated.signingSecret);
          route();
        }
      }})));
  settings.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(settings);
    await attempt(() => api('PATCH', base, {
      name: data.get('name'),
      landingUrl: data.get('landingUrl'),
      visibility: data.get('visibility'),
      allowedOrigins: data.get('allowedOrigins').split(/\s+/).filter(Boolean),
      signedLinksRequired: data.has('signedLinksRequired'),
      linkByEmail: data.has('linkByEmail'),
      alwaysSsoNicknames: data.has('alwaysSsoNicknames')}), 'Settings saved.');
  });

  const eventRows = events.map(e => h('tr', {},
    h('td', {}, h('code', {text: e.id})), h('td', {text: e.title}),
    h('td', {text: [...e.admittedLevels].join(', ')}),
    h('td', {}, h('button', {type: 'button', class: 'secondary', text: 'Delete',
      'aria-label': 'Delete event ' + e.id, onclick: async () => {
        if (await attempt(() => api('DELETE', base + '/events/' + enc(e.id)), 'Event deleted.') !== undefined) route();
      }}))));
  const levels = ['NICKNAME', 'NICKNAME_EMAIL', 'GUEST', 'SOCIAL', 'SSO'];
  const eventForm = h('form', {class: 'inline', 'aria-label': 'New event'},
    h('label', {}, 'Event id', text('id', '', {maxlength: 64})),
    h('label', {}, 'Title', text('title', '', {required: true})),
    h('fieldset', {}, h('legend', {class: 'muted', text: 'Admitted levels'}),
      levels.map(level => h('label', {}, h('input', {type: 'checkbox', name: 'level', value: level,
        checked: level === 'NICKNAME'}), ' ' + level))),
    h('button', {type: 'submit', text: 'Add event'}));
  eventForm.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(eventForm);
    const body = {title: data.get('title'), admittedLevels: data.getAll('level')};
    if (data.get('id')) body.id = data.get('id');
    if (await attempt(() => api('POST', base + '/events', body), 'Event added.')) route();
  });

  const providerRows = providers.map(p => h('tr', {},
    h('td', {}, h('a', {href: '#/spaces/' + enc(slug) + '/providers/' + enc(p.alias)}, p.displayName || p.alias)),
    h('td', {}, h('code', {text: p.alias})), h('td', {text: p.kind}),
    h('td', {text: p.enabled ? 'enabled' : 'disabled'})));

  show(space.name,
    secretNotice(),
    h('p', {class: 'muted'}, 'Space ', h('code', {text: space.slug}), ' · its page: ',
      h('a', {href: space.homeUrl, target: '_blank', rel: 'noopener'}, space.homeUrl)),
    h('h2', {text: 'Settings'}), h('section', {class: 'card'}, settings),
    h('h2', {text: 'Events'}),
    h('section', {class: 'card'},
      h('table', {}, h('thead', {}, h('tr', {}, ['Id', 'Title', 'Admitted levels', ''].map(t => h('th', {scope: 'col', text: t})))),
        h('tbody', {}, eventRows)), h('h3', {text: 'New event'}), eventForm),
    h('h2', {text: 'Identity providers'}),
    h('section', {class: 'card'},
      h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Alias', 'Kind', 'State'].map(t => h('th', {scope: 'col', text: t})))),
        h('tbody', {}, providerRows)),
      h('div', {class: 'actions'}, h('a', {href: '#/spaces/' + enc(slug) + '/providers/new'}, 'Add an identity provider'))),
    h('h2', {text: 'JWT SSO'}), await jwtSsoCard(slug),
    h('h2', {text: 'Configuration as JSON'}), exportCard(slug), importForm(slug));
}

async function jwtSsoCard(slug) {
  const base = '/api/admin/spaces/' + enc(slug) + '/sso';
  // A space that never had JWT SSO configured answers its code instead of settings.
  const sso = await api('GET', base).catch(e => {
    if (e.code === 'JWT17') return {enabled: false, requireExp: true};
    throw e;
  });
  const form = h('form', {class: 'grid', 'aria-label': 'JWT SSO settings'},
    ...field('Enabled', check('enabled', sso.enabled)),
    ...field('Authorization URL', text('authorizationUrl', sso.authorizationUrl, {type: 'url'}),
      'Your site\'s page that signs people in and sends them back with a token.'),
    ...field('Maximum token lifetime', text('maxLifetime', sso.maxLifetime), 'ISO-8601, e.g. PT5M'),
    ...field('Require exp', check('requireExp', sso.requireExp)),
    h('div', {class: 'wide actions'}, h('button', {type: 'submit', text: 'Save JWT SSO'}),
      h('button', {type: 'button', class: 'secondary', text: 'Rotate key', onclick: async () => {
        const rotated = await attempt(() => api('POST', base + '/key'));
        if (rotated) {
          sayOnce('The new JWT SSO key (the previous one keeps verifying for the overlap):', rotated.key);
          route();
        }
      }})));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {enabled: data.has('enabled'), requireExp: data.has('requireExp')};
    if (data.get('authorizationUrl')) body.authorizationUrl = data.get('authorizationUrl');
    if (data.get('maxLifetime')) body.maxLifetime = data.get('maxLifetime');
    const saved = await attempt(() => api('PUT', base, body), 'JWT SSO saved.');
    if (saved?.key) {
      sayOnce('The JWT SSO key, shown only now:', saved.key);
      route();
    }
  });
  return h('section', {class: 'card'}, form);
}

function exportCard(slug) {
  return h('section', {class: 'card'},
    h('p', {text: 'Download the space\'s configuration (settings, events, identity providers; never a secret) to keep in version control or to import elsewhere.'}),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', text: 'Export configuration', onclick: async () => {
      const document_ = await attempt(() => api('GET', '/api/admin/spaces/' + enc(slug) + '/configuration'));
      if (document_) {
        const blob = new Blob([JSON.stringify(document_, null, 2) + '\n'], {type: 'application/json'});
        const link = h('a', {href: URL.createObjectURL(blob), download: slug + '.foyer.json'});
        document.body.append(link);
        link.click();
        link.remove();
      }
    }})));
}

function importForm(slug) {
  const file = h('input', {type: 'file', name: 'file', accept: 'application/json,.json', required: true});
  const target = slug ? null : text('target', '', {required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 64});
  const form = h('form', {class: 'grid', 'aria-label': slug ? 'Import into this space' : 'Import a new space'},
    ...(target ? field('Slug of the new space', target, 'The space is created under this slug: importing under another slug copies a space.') : []),
    ...field(slug ? 'Make this space what a file says' : 'Configuration file', file,
      'A file exported by Foyer. Checked whole first: nothing changes unless all of it is valid. Events and identity providers the file does not name are removed.'),
    h('div', {class: 'wide actions'}, h('button', {type: 'submit', text: 'Import'})));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    let document_;
    try {
      document_ = JSON.parse(await chosen.text());
    } catch (e) {
      say('The file is not JSON: ' + e.message, false);
      return;
    }
    const into = slug || target.value;
    const done = await attempt(() => api('PUT', '/api/admin/spaces/' + enc(into) + '/configuration', document_), 'Configuration imported.');
    if (done === undefined) return;
    if (slug) route();
    else location.hash = '#/spaces/' + enc(into);
  });
  return h('section', {class: 'card'}, form);
}

const KINDS = ['OIDC', 'OAUTH2', 'OAUTH1', 'SAML', 'GOOGLE', 'MICROSOFT', 'GITHUB', 'FACEBOOK', 'LINKEDIN', 'X'];
const FIELDS = {
  OIDC: ['issuer', 'clientId', 'clientSecret', 'scopes'],
  OAUTH2: ['authorizationUrl', 'tokenUrl', 'userInfoUrl', 'clientId', 'clientSecret', 'scopes', 'pkce', 'clientAuthentication'],
  OAUTH1: ['requestTokenUrl', 'authorizationUrl', 'tokenUrl', 'userInfoUrl', 'clientId', 'clientSecret'],
  SAML: ['samlMetadataUrl', 'samlMetadata', 'spEntityId', 'nameIdFormat', 'authnRequestBinding', 'encryptedAssertions', 'idpInitiated'],
  MICROSOFT: ['tenant', 'clientId', 'clientSecret'],
};
const SOCIAL = ['clientId', 'clientSecret'];
const LABELS = {
  issuer: 'Issuer', authorizationUrl: 'Authorization URL', tokenUrl: 'Token URL', userInfoUrl: 'User info URL',
  requestTokenUrl: 'Request token URL', tenant: 'Tenant', clientId: 'Client id', clientSecret: 'Client secret',
  scopes: 'Scopes', pkce: 'PKCE', clientAuthentication: 'Client authentication',
  samlMetadataUrl: 'IdP metadata URL', samlMetadata: 'IdP metadata XML', spEntityId: 'SP entity id',
  nameIdFormat: 'NameID format', authnRequestBinding: 'AuthnRequest binding',
  encryptedAssertions: 'Encrypted assertions', idpInitiated: 'IdP-initiated sign-in'};
const BOOLEANS = ['pkce', 'encryptedAssertions', 'idpInitiated'];
const KEYS = ['unique', 'username', 'nickname', 'email', 'givenName', 'familyName', 'avatar', 'groups'];

function providerInput(name, value) {
  if (BOOLEANS.includes(name)) return check(name, value);
  if (name === 'samlMetadata') return h('textarea', {name}, value ?? '');
  if (name === 'clientAuthentication') return select(name, ['CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST'], value || 'CLIENT_SECRET_BASIC');
  if (name === 'authnRequestBinding') return select(name, ['REDIRECT', 'POST'], value || 'REDIRECT');
  if (name === 'clientSecret') return h('input', {name, type: 'password', autocomplete: 'off', value: ''});
  return text(name, value);
}

async function providerPage(slug, alias) {
  spaceNav(slug, 'Settings');
  const base = '/api/admin/spaces/' + enc(slug) + '/identity-providers';
  const existing = alias === 'new' ? null : await api('GET', base + '/' + enc(alias));
  const kind = existing?.kind || new URLSearchParams(location.hash.split('?')[1] || '').get('kind') || 'OIDC';
  const names = FIELDS[kind] || SOCIAL;
  const kindSelect = select('kind', KINDS, kind);
  kindSelect.disabled = !!existing;
  kindSelect.addEventListener('change', () => {
    location.hash = '#/spaces/' + enc(slug) + '/providers/new?kind=' + kindSelect.value;
  });
  const form = h('form', {class: 'grid', 'aria-label': existing ? 'Identity provider ' + alias : 'New identity provider', novalidate: true},
    ...field('Kind', kindSelect),
    ...field('Alias', text('alias', existing?.alias, {required: true, disabled: !!existing, pattern: '[a-z0-9]+(-[a-z0-9]+)*'}),
      'Lower-case words joined by -; it never changes.'),
    ...field('Display name', text('displayName', existing?.displayName)),
    ...field('Button label', text('buttonLabel', existing?.buttonLabel)),
    ...field('Enabled', check('enabled', existing ? existing.enabled : false),
      'Leave it off until Test Integration shows the right attributes.'),
    ...names.flatMap(name => field(LABELS[name], providerInput(name, existing?.[name]),
      name === 'clientSecret' && existing?.clientSecretSet ? 'Set; leave empty to keep it.' : null)),
    h('fieldset', {class: 'wide'}, h('legend', {text: 'Attribute keys'}),
      h('div', {class: 'grid'}, ...KEYS.flatMap(key => field(key, text('key.' + key, existing?.attributeKeys?.[key]))))),
    h('div', {class: 'wide actions'}, h('button', {type: 'submit', text: existing ? 'Save provider' : 'Add provider'})));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    if (!checkProvider(form, data, kind, names, existing)) return;
    const body = {enabled: data.has('enabled')};
    for (const name of ['displayName', 'buttonLabel', ...names]) {
      if (BOOLEANS.includes(name)) body[name] = data.has(name);
      else if (data.get(name)) body[name] = data.get(name);
    }
    const keys = {};
    for (const key of KEYS) if (data.get('key.' + key)) keys[key] = data.get('key.' + key);
    if (Object.keys(keys).length) body.attributeKeys = keys;
    let saved;
    const send = existing
      ? () => api('PATCH', base + '/' + enc(alias), body)
      : () => api('POST', base, {...body, alias: data.get('alias'), kind});
    try {
      clearStatus();
      saved = await send();
      say(existing ? 'Provider saved.' : 'Provider added.');
    } catch (e) {
      // A refusal that names a field ("issuer: ...") is shown at that field too.
      const named = /^([a-zA-Z.]+): /.exec(e.message || '');
      const input = named && form.elements.namedItem(named[1].replace(/^attributeKeys\./, 'key.'));
      if (input instanceof Element) fieldError(input, e.message.slice(named[0].length));
      say(e.message, false, e.code);
    }
    if (saved) location.hash = '#/spaces/' + enc(slug) + '/providers/' + enc(saved.alias);
  });
  const extra = [];
  if (existing) {
    extra.push(h('h2', {text: 'Test Integration'}), h('section', {class: 'card'},
      h('p', {text: 'Signs in through the provider once, without signing anyone in to the space, and shows what it sent and what Foyer made of it.'}),
      h('p', {}, 'Redirect URI to register at the provider: ', h('code', {text: existing.redirectUri})),
      existing.saml ? h('p', {}, h('a', {href: existing.saml.spMetadataUrl, download: alias + '-sp-metadata.xml'}, 'Download the SP metadata')) : null,
      h('div', {class: 'actions'}, h('button', {type: 'button', text: 'Test Integration', onclick: async () => {
        const test = await attempt(() => api('POST', base + '/' + enc(alias) + '/tests', {}));
        if (test) window.open(test.url, '_blank', 'noopener');
      }}), h('button', {type: 'button', class: 'danger', text: 'Delete provider', onclick: async () => {
        if (!confirm('Delete the provider ' + alias + '?')) return;
        if (await attempt(() => api('DELETE', base + '/' + enc(alias)), 'Provider deleted.') !== undefined) {
          location.hash = '#/spaces/' + enc(slug);
        }
      }}))));
  }
  show(existing ? (existing.displayName || alias) : 'New identity provider', h('section', {class: 'card'}, form), ...extra);
}

async function membersPage(slug) {
  spaceNav(slug, 'Members');
  const base = '/api/admin/spaces/' + enc(slug) + '/members';
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const q = query.get('q') || '';
  const search = h('form', {class: 'inline', role: 'search', 'aria-label': 'Search members'},
    h('label', {}, 'Name, email, uid or sub', text('q', q, {type: 'search', maxlength: 200})),
    h('button', {type: 'submit', text: 'Search'}));
  search.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/spaces/' + enc(slug) + '/members?q=' + enc(new FormData(search).get('q'));
  });
  const body = h('tbody');
  const more = h('button', {type: 'button', class: 'secondary', text: 'Show more'});
  let next = base + '?limit=50&q=' + enc(q);
  async function load() {
    const page = await attempt(() => apiPage(next));
    if (!page) return;
    for (const m of page.items) {
      const name = [m.givenName, m.familyName].filter(Boolean).join(' ') || m.nickname || m.username || m.id;
      body.append(h('tr', {},
        h('td', {}, h('a', {href: '#/spaces/' + enc(slug) + '/members/' + enc(m.id)}, name)),
        h('td', {text: m.username || ''}), h('td', {text: m.email || ''}),
        h('td', {text: m.status}), h('td', {text: when(m.lastSignInAt)})));
    }
    next = page.next;
    more.hidden = !next;
  }
  more.addEventListener('click', load);
  show('Members of ' + slug, h('section', {class: 'card'}, search),
    h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Username', 'Email', 'Status', 'Last sign-in'].map(t => h('th', {scope: 'col', text: t})))), body),
    h('div', {class: 'actions'}, more));
  await load();
}

async function memberPage(slug, id) {
  spaceNav(slug, 'Members');
  const base = '/api/admin/spaces/' + enc(slug) + '/members/' + enc(id);
  const [m, sessions] = await Promise.all([api('GET', base), api('GET', base + '/sessions')]);
  const name = [m.givenName, m.familyName].filter(Boolean).join(' ') || m.nickname || m.id;
  const list = (items, render) => items?.length ? h('ul', {}, items.map(i => h('li', {}, render(i)))) : h('p', {class: 'muted', text: 'None.'});
  const statusForm = h('form', {class: 'inline', 'aria-label': 'Change status'},
    h('label', {}, 'Status', select('status', ['INVITED', 'PENDING', 'ACTIVE', 'DECLINED', 'REJECTED', 'DEACTIVATED', 'LEFT'], m.status)),
    h('button', {type: 'submit', text: 'Change status'}));
  statusForm.addEventListener('submit', async event => {
    event.preventDefault();
    if (await attempt(() => api('PUT', base + '/status', {status: new FormData(statusForm).get('status')}), 'Status changed.')) route();
  });
  show(name,
    h('dl', {}, ...[['Username', m.username], ['Nickname', m.nickname], ['Email', m.email], ['Status', m.status],
      ['Created', when(m.createdAt)], ['Last sign-in', when(m.lastSignInAt)]]
      .flatMap(([k, v]) => [h('dt', {text: k}), h('dd', {text: v || '—'})])),
    h('section', {class: 'card'}, statusForm),
    h('h2', {text: 'Linked identities'}), list(m.identities, i => [h('code', {text: i.provider}), ' ', i.externalId, ' · ', when(i.linkedAt)]),
    h('h2', {text: 'Events joined'}), list(m.events, e => [e.title || e.eventId, ' · ', when(e.joinedAt)]),
    h('h2', {text: 'Groups'}), list(m.groups, g => g.name),
    h('h2', {text: 'Sessions'}),
    sessions.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Door', 'Level', 'Signed in', 'Last seen', 'Expires', ''].map(t => h('th', {scope: 'col', text: t})))),
      h('tbody', {}, sessions.map(x => h('tr', {}, h('td', {text: x.door}), h('td', {text: x.admissionLevel}),
        h('td', {text: when(x.signedInAt)}), h('td', {text: when(x.lastSeenAt)}), h('td', {text: when(x.expiresAt)}),
        h('td', {}, h('button', {type: 'button', class: 'secondary', text: 'End', 'aria-label': 'End the session signed in ' + when(x.signedInAt),
          onclick: async () => {
            if (await attempt(() => api('DELETE', base + '/sessions/' + enc(x.id)), 'Session ended.') !== undefined) route();
          }}))))))
      : h('p', {class: 'muted', text: 'No open sessions.'}),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'danger', text: 'End all sessions', onclick: async () => {
      if (await attempt(() => api('DELETE', base + '/sessions'), 'Every session of this member ended.') !== undefined) route();
    }})),
    h('h2', {text: 'Status changes'}), list(m.statusChanges, c => [when(c.at), ': ', (c.from || 'created') + ' → ' + c.to, ' (', c.cause, c.by ? ', ' + c.by : '', ')']));
}

const PALETTE = ['#1f5fbf', '#b3261e', '#1e7b34', '#8a4fbf', '#c77c02', '#0f7d8c', '#6b6b6b', '#d14f8b'];

// Sign-ins and refusals per hour as stacked bars, one colour per series.
function chart(buckets, seriesOf, label) {
  const series = [...new Set(buckets.flatMap(b => Object.keys(seriesOf(b))))].sort();
  const width = 960, height = 220, pad = 28;
  const totals = buckets.map(b => Object.values(seriesOf(b)).reduce((a, c) => a + c, 0));
  const max = Math.max(1, ...totals);
  const barWidth = (width - pad * 2) / Math.max(1, buckets.length);
  const svg = h('svg', {svg: true, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label});
  svg.append(h('title', {svg: true, text: label}));
  buckets.forEach((bucket, i) => {
    let y = height - pad;
    const values = seriesOf(bucket);
    series.forEach((name, s) => {
      const count = values[name] || 0;
      if (!count) return;
      const barHeight = (height - pad * 2) * count / max;
      y -= barHeight;
      const rect = h('rect', {svg: true, x: pad + i * barWidth, y, width: Math.max(1, barWidth - 1), height: barHeight, fill: PALETTE[s % PALETTE.length]});
      rect.append(h('title', {svg: true, text: `${new Date(bucket.hour).toLocaleString()}: ${count} ${name}`}));
      svg.append(rect);
    });
  });
  svg.append(h('text', {svg: true, x: 4, y: pad - 8, 'font-size': 12, text: 'max ' + max + '/hour'}));
  const legend = h('div', {class: 'legend'}, series.map((name, s) => {
    const swatch = h('span', {class: 'swatch'});
    swatch.style.background = PALETTE[s % PALETTE.length];
    return h('span', {}, swatch, name);
  }));
  return h('figure', {class: 'chart'}, svg, h('figcaption', {}, label), legend);
}

async function signInsPage(slug) {
  spaceNav(slug, 'Sign-ins');
  const base = '/api/admin/spaces/' + enc(slug) + '/login-records';
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const filters = h('form', {class: 'inline', 'aria-label': 'Filter sign-ins'},
    h('label', {}, 'Door', text('door', query.get('door'))),
    h('label', {}, 'Provider', text('provider', query.get('provider'))),
    h('label', {}, 'Outcome', select('outcome', ['', 'accepted', 'refused'], query.get('outcome') || '')),
    h('label', {}, 'Error code', text('code', query.get('code'))),
    h('label', {}, 'From', h('input', {type: 'datetime-local', name: 'from', value: query.get('from') || ''})),
    h('label', {}, 'To', h('input', {type: 'datetime-local', name: 'to', value: query.get('to') || ''})),
    h('button', {type: 'submit', text: 'Filter'}));
  filters.addEventListener('submit', event => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(filters)) if (v) params.set(k, v);
    location.hash = '#/spaces/' + enc(slug) + '/sign-ins?' + params;
  });
  const params = new URLSearchParams({limit: '100'});
  for (const key of ['door', 'provider', 'outcome', 'code']) if (query.get(key)) params.set(key, query.get(key));
  for (const key of ['from', 'to']) if (query.get(key)) params.set(key, new Date(query.get(key)).toISOString());
  const body = h('tbody');
  const more = h('button', {type: 'button', class: 'secondary', text: 'Show more'});
  let next = base + '?' + params;
  async function load() {
    const page = await attempt(() => apiPage(next));
    if (!page) return;
    for (const r of page.items) {
      body.append(h('tr', {},
        h('td', {text: when(r.at)}), h('td', {text: r.door}), h('td', {text: r.provider || ''}),
        h('td', {}, h('span', {class: 'pill ' + (r.accepted ? 'accepted' : 'refused'), text: r.accepted ? 'accepted' : 'refused'})),
        h('td', {}, r.code ? h('a', {href: '/errors#' + r.code.toLowerCase(), target: '_blank', rel: 'noopener'}, r.code) : ''),
        h('td', {}, r.memberId ? h('a', {href: '#/spaces/' + enc(slug) + '/members/' + enc(r.memberId)}, 'member') : '')));
    }
    next = page.next;
    more.hidden = !next;
  }
  more.addEventListener('click', load);
  const charts = h('div');
  show('Sign-ins of ' + slug, charts, h('section', {class: 'card'}, filters),
    h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Door', 'Provider', 'Outcome', 'Code', 'Member'].map(t => h('th', {scope: 'col', text: t})))), body),
    h('div', {class: 'actions'}, more));
  await load();
  const hourly = await attempt(() => api('GET', base + '/hourly?hours=72'));
  if (hourly) {
    const byDoor = hour => Object.fromEntries(Object.entries(hour.doors || {}).flatMap(([door, o]) =>
      [[door + ' accepted', o.accepted], [door + ' refused', o.refused]]));
    charts.replaceChildren(
      chart(hourly.hours, byDoor, 'Sign-ins and refusals per hour by door, last 72 hours'),
      chart(hourly.hours, hour => hour.codes || {}, 'Refusals per hour by code, last 72 hours'));
  }
}

const URL_FIELDS = ['issuer', 'authorizationUrl', 'tokenUrl', 'userInfoUrl', 'requestTokenUrl', 'samlMetadataUrl'];
const REQUIRED_WHEN_ENABLED = {
  OIDC: ['issuer', 'clientId'],
  OAUTH2: ['authorizationUrl', 'tokenUrl', 'userInfoUrl', 'clientId', 'key.unique'],
  OAUTH1: ['requestTokenUrl', 'authorizationUrl', 'tokenUrl', 'userInfoUrl', 'clientId', 'key.unique'],
  MICROSOFT: ['tenant', 'clientId'],
};

// Shows a field's problem beside it, announced to screen readers, until the field changes.
function fieldError(input, message) {
  const id = input.id + '-error';
  document.getElementById(id)?.remove();
  const note = h('div', {id, class: 'field-error', text: message});
  input.after(note);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-errormessage', id);
  input.addEventListener('input', () => {
    note.remove();
    input.removeAttribute('aria-invalid');
  }, {once: true});
}

// The rules the API applies that a form can check before sending: the shape of the alias and of
// URLs, and what an enabled provider of the kind needs. The API checks everything again.
function checkProvider(form, data, kind, names, existing) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  let ok = true;
  const problem = (name, message) => {
    const input = form.elements.namedItem(name);
    if (input instanceof Element) fieldError(input, message);
    if (ok) (input instanceof Element ? input : form).focus();
    ok = false;
  };
  if (!existing && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(data.get('alias') || '')) {
    problem('alias', 'Lower-case letters and digits in words joined by -, for example acme-sso.');
  }
  for (const name of URL_FIELDS.filter(n => names.includes(n))) {
    const value = data.get(name);
    if (value && !/^https:\/\/[^\s#]+$|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/[^\s#]*)?$/.test(value)) {
      problem(name, 'An https URL (http only on this machine: 127.0.0.1 or localhost), without a fragment.');
    }
  }
  if (data.has('enabled')) {
    for (const name of (REQUIRED_WHEN_ENABLED[kind] || ['clientId'])) {
      if (!data.get(name)) problem(name, 'An enabled provider needs this.');
    }
    if (kind === 'SAML' && !data.get('samlMetadataUrl') && !data.get('samlMetadata')) {
      problem('samlMetadataUrl', 'An enabled SAML provider needs the identity provider\'s metadata: its URL or the XML.');
    }
    if (kind !== 'SAML' && !data.get('clientSecret') && !existing?.clientSecretSet) {
      problem('clientSecret', 'An enabled provider needs its client secret.');
    }
  }
  if (!ok) say('Some fields need another value; see the notes beside them.', false);
  return ok;
}

// ---- Routing ----------------------------------------------------------------------------------

const ROUTES = [
  [/^#?\/?$/, () => spacesPage()],
  [/^#\/spaces\/([^/?]+)$/, m => spacePage(decodeURIComponent(m[1]))],
  [/^#\/spaces\/([^/?]+)\/providers\/([^/?]+)(\?.*)?$/, m => providerPage(decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^#\/spaces\/([^/?]+)\/members(\?.*)?$/, m => membersPage(decodeURIComponent(m[1]))],
  [/^#\/spaces\/([^/?]+)\/members\/([^/?]+)$/, m => memberPage(decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^#\/spaces\/([^/?]+)\/sign-ins(\?.*)?$/, m => signInsPage(decodeURIComponent(m[1]))],
];

async function route() {
  if (!operator) return;
  const hash = location.hash || '#/';
  // A segment . or .. would climb out of the API path the page builds from it.
  if (hash.split(/[/?]/).some(part => ['.', '..'].includes(decodeURIComponent(part)))) {
    show('Not found', h('p', {}, h('a', {href: '#/'}, 'Back to the spaces')));
    return;
  }
  if (hash === '#/' || hash === '#' || hash === '') document.getElementById('space-nav').replaceChildren();
  for (const [pattern, page] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      try {
        await page(match);
      } catch (e) {
        show('Not shown', h('p', {text: e.message}),
          e.code ? h('p', {}, h('a', {href: '/errors#' + e.code.toLowerCase()}, 'What ' + e.code + ' means')) : null);
      }
      return;
    }
  }
  show('Not found', h('p', {}, h('a', {href: '#/'}, 'Back to the spaces')));
}

async function start() {
  try {
    operator = await api('GET', '/console/operator');
  } catch (e) {
    signedOut();
    return;
  }
  const who = operator.displayName || operator.subject;
  document.getElementById('operator').replaceChildren(
    h('span', {text: who + ' · ' + operator.role + (operator.space ? ' of ' + operator.space : '')}),
    h('button', {type: 'button', class: 'secondary', text: 'Sign out', onclick: async () => {
      await attempt(() => api('POST', '/console/sign-out'));
      operator = null;
      signedOut();
    }}));
  window.addEventListener('hashchange', route);
  route();
}

start();
