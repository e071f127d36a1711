import { ScorecardRow } from '@meshwise/backstage-plugin-service-mesh-common';
import { csvField, scorecardCsv } from './scorecardCsv';

const row = (overrides: Partial<ScorecardRow> = {}): ScorecardRow => ({
  entityRef: 'component:default/cart-api',
  kind: 'Component',
  namespace: 'default',
  name: 'cart-api',
  title: 'Cart API',
  owner: 'group:default/storefront-team',
  system: 'system:default/storefront',
  stage: 'meshed',
  mesh: 'istio-sidecar',
  score: 92,
  blockingCount: 0,
  assessedAt: '2026-11-22T08:30:00.000Z',
  ...overrides,
});

describe('scorecardCsv', () => {
  it('writes a header and one CRLF-terminated line per row', () => {
    expect(scorecardCsv([row()])).toBe(
      'Entity,Name,Title,Owner,System,Mesh,Stage,Readiness score,Blocking findings,Last assessed\r\n' +
        'component:default/cart-api,cart-api,Cart API,group:default/storefront-team,system:default/storefront,istio-sidecar,meshed,92,0,2026-11-22T08:30:00.000Z\r\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(scorecardCsv([]).split('\r\n')).toHaveLength(2);
  });

  it('leaves missing values empty and writes "none" for no mesh', () => {
    const [, line] = scorecardCsv([
      row({
        title: undefined,
        owner: undefined,
        system: undefined,
        mesh: null,
        score: null,
        stage: 'not-assessed',
      }),
    ]).split('\r\n');
    expect(line).toBe(
      'component:default/cart-api,cart-api,,,,none,not-assessed,,0,2026-11-22T08:30:00.000Z',
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField(0)).toBe('0');

    const csv = scorecardCsv([row({ title: 'Cart, "the" API\nv2' })]);
    expect(csv).toContain(',"Cart, ""the"" API\nv2",');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(
      '"\'=HYPERLINK(""http://x"")"',
    );
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
  });

  // OWASP, CSV Injection: https://owasp.org/www-community/attacks/CSV_Injection
  it.each([
    ['a space, then =', ' =1+2'],
    ['spaces and a tab, then =', '  \t=1+2'],
    ['a no-break space, then +', '\u00a0+1'],
    ['a full-width equals sign', '\uff1dSUM(A1)'],
    ['a full-width plus', '\uff0b1'],
    ['a full-width minus', '\uff0d1'],
    ['a full-width at', '\uff20SUM(A1)'],
    ['a pipe (DDE)', "|calc'!A0"],
    ['a full-width pipe', '\uff5ccalc'],
    ['a space, then a pipe', " |calc'!A0"],
    ['a line feed', '\n=1+2'],
    ['a carriage return', '\r=1'],
    ['a tab', '\tx'],
  ])('neutralises a cell starting with %s', (_case, text) => {
    const field = csvField(text);
    expect(field.replace(/^"/, '')).toMatch(/^'/);
    expect(field).toContain(text.replace(/"/g, '""'));
  });

  it('leaves harmless text alone', () => {
    expect(csvField('Cart API')).toBe('Cart API');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('team | shop')).toBe('team | shop');
    expect(csvField(' leading space')).toBe(' leading space');
  });

  it('neutralises a title exported by scorecardCsv', () => {
    const [, line] = scorecardCsv([row({ title: ' =HYPERLINK("x")' })]).split(
      '\r\n',
    );
    expect(line).toContain(`,"' =HYPERLINK(""x"")",`);
  });
});
