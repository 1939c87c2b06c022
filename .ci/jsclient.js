// Workfront's official JS client (npm workfront-api), unchanged, against wfsim.
const { NodeApi: Api } = require(process.env.WFAPI_DIR + '/node_modules/workfront-api');
const [url, sid] = process.argv.slice(2);
(async () => {
  let failed = 0;
  const check = (name, ok, detail) => { console.log((ok ? 'ok   ' : 'FAIL ') + name + (detail ? ' ' + detail : '')); if (!ok) failed++; };
  for (const version of ['21.0', 'internal']) {
    const api = new Api({ url, version });
    api.setSessionID(sid);
    const rows = await api.search('proj', { name: 'website', name_Mod: 'cicontains', status: ['CUR', 'PLN'], status_Mod: 'in', ID_Sort: 'asc', $$LIMIT: 5 }, ['name', 'status', 'owner:name', 'plannedCompletionDate']);
    check(`search v=${version}`, rows.length === 5 && rows.every(r => /website/i.test(r.name) && ['CUR', 'PLN'].includes(r.status) && r.owner && r.owner.name), JSON.stringify(rows[0]));
    const n = await api.count('PROJECT', { status: 'CUR' });
    check(`count v=${version}`, typeof n === 'number' && n > 0, String(n));
    const viaPost = await api.search('proj', { status: 'CUR', $$LIMIT: 3 }, ['name'], true);
    check(`search via POST method=GET v=${version}`, viaPost.length === 3);
  }
  const bad = new Api({ url, version: '21.0' });
  bad.setSessionID('not-a-session');
  try { await bad.search('proj', {}); check('error handling', false, 'no error'); }
  catch (e) { check('error handling', e.status === 401 && e.message === 'You are not currently logged in.', JSON.stringify(e)); }
  try { await (() => { const a = new Api({ url, version: '21.0' }); a.setSessionID(sid); return a.search('proj', { $$LIMIT: 2001 }); })(); check('limit error', false); }
  catch (e) { check('limit error', e.status === 422 && /2000/.test(e.message), JSON.stringify(e)); }
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error('unexpected', e); process.exit(1); });
