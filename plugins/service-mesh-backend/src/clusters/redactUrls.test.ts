import { redactUrls } from './redactUrls';

describe('redactUrls', () => {
  it('takes credentials out of every URL and leaves the rest as written', () => {
    expect(
      redactUrls(
        'Request failed for https://bot:ghp-secret@git.example/a/b?ref=main&private_token=glpat-1&sig=abc, 401 Unauthorized; see http://docs.example/{x}.',
      ),
    ).toBe(
      'Request failed for https://***@git.example/a/b?ref=main&private_token=***&sig=***, 401 Unauthorized; see http://docs.example/{x}.',
    );
  });
});
