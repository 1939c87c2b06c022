// Workfront's official JS client (npm workfront-api), unchanged, against wfsim.
const { NodeApi: Api } = require(process.env.WFAPI_DIR + '/node_modules/workfront-api');
const [url, sid] = process.argv.slice(2);
(async () => {
  let failed = 0;
  const check = (name, ok, detail) => { console.log((ok ? 'ok   ' : 'FAIL ') + name + (detail ? ' ' + detail : '')); if (!ok) failed++; };
  // A call that fails is one failed check, not the end of the run.
  const attempt = async (name, f) => { try { await f(); } catch (e) { check(name, false, 'threw ' + JSON.stringify(e)); } };
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

  const api = new Api({ url, version: '22.0' });
  api.setSessionID(sid);
  await attempt('get USER $$USER', async () => {
    const me = await api.get('USER', '$$USER');
    check('get USER $$USER', me && !Array.isArray(me) && me.objCode === 'USER' && /^[0-9a-f]{32}$/.test(me.ID) && typeof me.name === 'string', JSON.stringify(me));
  });
  await attempt('get two projects', async () => {
    const two = await api.search('proj', { ID_Sort: 'asc', $$LIMIT: 2 }, ['name']);
    const got = await api.get('proj', [two[1].ID, two[0].ID], ['name', 'status']);
    check('get two projects', Array.isArray(got) && got.length === 2 && got[0].ID === two[1].ID && got[1].ID === two[0].ID && got.every(p => p.objCode === 'PROJ' && p.status), JSON.stringify(got));
  });
  await attempt('report by status', async () => {
    const groups = await api.report('task', { status_1_GroupBy: true });
    const keys = Object.keys(groups);
    const total = await api.count('task');
    check('report by status', keys.length > 0 && keys.every(k => groups[k].status === k && Number.isInteger(groups[k].dcount_ID)) &&
      keys.reduce((n, k) => n + groups[k].dcount_ID, 0) === total, JSON.stringify(groups));
  });
  await attempt('namedQuery work myWork', async () => {
    const work = await api.namedQuery('work', 'myWork', null, ['name']);
    check('namedQuery work myWork', Array.isArray(work) && work.length > 0 && work.every(w => ['TASK', 'OPTASK'].includes(w.objCode) && w.name), `${work.length} rows, first ${JSON.stringify(work[0])}`);
  });
  await attempt('metadata proj', async () => {
    const meta = await api.metadata('proj');
    const links = [...Object.values(meta.references), ...Object.values(meta.collections)];
    check('metadata proj: references carry typeObjCode, no referenceObjCode', links.length > 0 && links.every(l => l.typeObjCode && !('referenceObjCode' in l)) &&
      meta.references.owner.typeObjCode === 'USER' && !Object.keys(meta.fields).some(f => f.startsWith('DE:')), JSON.stringify(meta.references.owner));
  });
  await attempt('OR groups', async () => {
    const cur = await api.count('proj', { status: 'CUR' });
    const onh = await api.count('proj', { status: 'ONH' });
    const either = await api.count('proj', { status: 'CUR', 'OR:1:status': 'ONH', 'OR:1:status_Mod': 'eq' });
    const rows = await api.search('proj', { status: 'CUR', 'OR:1:status': 'ONH', $$LIMIT: 200 }, ['status']);
    check('OR groups', either === cur + onh && cur > 0 && onh > 0 && rows.some(r => r.status === 'ONH') && rows.every(r => ['CUR', 'ONH'].includes(r.status)), `${cur} + ${onh} = ${either}`);
  });
  await attempt('between with _Range', async () => {
    const tasks = await api.search('task', { workRequired: 600, workRequired_Range: 1200, workRequired_Mod: 'between', $$LIMIT: 2000 }, ['workRequired']);
    check('between with _Range', tasks.length > 0 && tasks.every(t => t.workRequired >= 600 && t.workRequired <= 1200), `${tasks.length} tasks`);
  });
  await attempt('numbered two-key sort', async () => {
    const sorted = await api.search('proj', { name: 'website', name_Mod: 'cicontains', ID_2_Sort: 'desc', status_1_Sort: 'asc', $$LIMIT: 2000 }, ['status']);
    const inOrder = sorted.every((r, i) => i === 0 || sorted[i - 1].status < r.status || (sorted[i - 1].status === r.status && sorted[i - 1].ID > r.ID));
    const statuses = new Set(sorted.map(r => r.status)).size;
    check('numbered two-key sort', sorted.length > 100 && statuses > 1 && inOrder, `${sorted.length} rows, ${statuses} statuses, ${sorted[0].status} … ${sorted[sorted.length - 1].status}`);
  });
  await attempt('$$TODAY', async () => {
    const total = await api.count('proj');
    const before = await api.count('proj', { plannedCompletionDate: '$$TODAY', plannedCompletionDate_Mod: 'lt' });
    const after = await api.count('proj', { plannedCompletionDate: '$$TODAY', plannedCompletionDate_Mod: 'gte' });
    check('$$TODAY in a filter', before + after === total && before >= 0 && after >= 0, `${before} before today, ${after} from today on`);
  });
  // The client always puts a version in the path; the unversioned one is a plain request.
  await attempt('unversioned path', async () => {
    const res = await fetch(`${url}/attask/api/proj/count?status=CUR`, { headers: { sessionID: sid } });
    const body = await res.json();
    const versioned = await api.count('proj', { status: 'CUR' });
    check('unversioned path /attask/api/proj/count', res.status === 200 && body.data && body.data.count === versioned, JSON.stringify(body));
  });
  await attempt('error body', async () => {
    const res = await fetch(`${url}/attask/api/v22.0/proj/search?name_Sort=asc&ID_Sort=asc`, { headers: { sessionID: sid } });
    const body = await res.json();
    const e = body.error || {};
    check('error body: code 0, title null', res.status === 422 && e.code === 0 && e.title === null && e.msgKey === 'exception.attask' &&
      JSON.stringify(e.attributes) === '[""]' && /field_1_Sort/.test(e.message), JSON.stringify(body));
  });
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error('unexpected', e); process.exit(1); });
