import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildConfirmation } from './confirmation.ts';
import { canonicalIsoXml, ISO18626_XSD_FILE, validateAgainstIso18626 } from './iso18626-schema.ts';
import { classifySchemaProblem } from './receive-message.ts';
import { decodeText, parseUntrustedXml, XmlRefused } from './safe-xml.ts';
import { instantOf } from './supplying-agency-message.ts';
import { lenderMessage } from '../test-support/inbox-fixtures.ts';

const refused = (xml: string): string => {
  try {
    parseUntrustedXml(xml);
  } catch (e) {
    assert.ok(e instanceof XmlRefused, `expected XmlRefused, got ${String(e)}`);
    return e.detail;
  }
  assert.fail('expected the XML to be refused');
};

describe('parseUntrustedXml', () => {
  it('reads the ISO namespace under any prefix, as default namespace, and with none at all', () => {
    for (const ns of ['prefix', 'other-prefix', 'default', 'none'] as const) {
      const root = parseUntrustedXml(lenderMessage({ ns, note: 'a &amp; b &#233;' }));
      assert.equal(root.name, 'ISO18626Message', ns);
      assert.equal(root.attrs.version, '1.2', ns);
      const info = root.children[0].children.find((c) => c.name === 'messageInfo');
      assert.equal(info?.children.find((c) => c.name === 'note')?.text, 'a & b é', ns);
    }
  });

  it('drops elements of another namespace with their content', () => {
    const root = parseUntrustedXml(
      '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:x="urn:ext"><x:extra><note>no</note></x:extra><a>t</a></ISO18626Message>',
    );
    assert.deepEqual(
      root.children.map((c) => c.name),
      ['a'],
    );
  });

  it('refuses a root element of another namespace and undeclared prefixes', () => {
    assert.match(
      refused('<x:ISO18626Message xmlns:x="urn:other"/>'),
      /not in the ISO 18626 namespace/,
    );
    assert.match(refused('<y:ISO18626Message/>'), /prefix "y"/);
  });

  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    assert.match(
      refused(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
      ),
      /DOCTYPE/,
    );
    assert.match(refused('<!doctype r><r/>'), /DOCTYPE/);
  });

  it('refuses undeclared entities, bare ampersands and non-XML character references', () => {
    assert.match(refused('<r>&xxe;</r>'), /not declared/);
    assert.match(refused('<r>a & b</r>'), /bare|not well-formed/);
    assert.match(refused('<r>&#0;</r>'), /not an XML character/);
  });

  it('refuses text that is not well-formed, several roots and text outside the root', () => {
    assert.match(refused('<a><b></a>'), /not well-formed/);
    assert.match(refused('<a/><b/>'), /exactly one root/);
  });

  it('decodes the predefined entities and character references', () => {
    assert.equal(decodeText('&lt;&gt;&amp;&quot;&apos;&#x41;&#66;'), '<>&"\'AB');
  });
});

describe('ISO 18626 schema check', () => {
  it('ships a byte-identical copy of the published schema', () => {
    const published = readFileSync(
      new URL('../../../contracts/iso18626/ISO-18626-v1_2.xsd', import.meta.url),
    );
    assert.deepEqual(readFileSync(ISO18626_XSD_FILE), published);
  });

  it('accepts every namespace form of a valid message after canonicalisation, and ignores unknown elements', async () => {
    for (const ns of ['prefix', 'default', 'none'] as const) {
      const xml = canonicalIsoXml(
        parseUntrustedXml(
          lenderMessage({ ns, extraInMessageInfo: '<lenderMood>cheerful</lenderMood>' }),
        ),
      );
      assert.deepEqual(await validateAgainstIso18626(xml), [], ns);
      assert.doesNotMatch(xml, /lenderMood/);
    }
  });

  it('classifies schema problems into ISO 18626 error types', async () => {
    const bad = async (xml: string) =>
      classifySchemaProblem(
        (await validateAgainstIso18626(canonicalIsoXml(parseUntrustedXml(xml))))[0],
      ).type;
    assert.equal(await bad(lenderMessage({ status: 'Teleported' })), 'UnrecognisedDataValue');
    assert.equal(await bad(lenderMessage({ reason: 'Gossip' })), 'UnsupportedReasonForMessageType');
    assert.equal(await bad(lenderMessage({ dueDate: 'next Tuesday' })), 'UnrecognisedDataValue');
    // A known element in the wrong place.
    assert.equal(
      await bad(lenderMessage({ extraInMessageInfo: '<ns1:status>Loaned</ns1:status>' })),
      'UnrecognisedDataElement',
    );
    assert.equal(
      await bad(lenderMessage().replace(/<ns1:statusInfo>[\s\S]*<\/ns1:statusInfo>/, '')),
      'BadlyFormedMessage',
    );
  });

  it('keeps concurrent validations apart (one long-lived validator, answers matched to their messages)', async () => {
    const good = canonicalIsoXml(parseUntrustedXml(lenderMessage()));
    const bad = canonicalIsoXml(parseUntrustedXml(lenderMessage({ status: 'Teleported' })));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => validateAgainstIso18626(i % 3 === 0 ? bad : good)),
    );
    results.forEach((r, i) => {
      if (i % 3 === 0) assert.match(r[0]?.message ?? '', /Teleported/, `#${i}`);
      else assert.deepEqual(r, [], `#${i}`);
    });
  });

  it('writes OK and ERROR supplyingAgencyMessageConfirmations that the schema accepts', async () => {
    const received = new Date('2026-11-30T08:00:00.123Z');
    const ok = buildConfirmation({
      supplyingAgencyId: { type: 'ISIL', value: 'OCLC-B' },
      requestingAgencyId: { type: 'ISIL', value: 'OCLC-A' },
      requestingAgencyRequestId: 'r1',
      reasonForMessage: 'RenewResponse',
      received,
    });
    const err = buildConfirmation({
      received,
      error: { type: 'BadlyFormedMessage', value: 'not <well> & formed' },
    });
    assert.deepEqual(await validateAgainstIso18626(ok), []);
    assert.deepEqual(await validateAgainstIso18626(err), []);
    assert.match(ok, /<ns1:messageStatus>OK<\/ns1:messageStatus>/);
    assert.match(ok, /<ns1:timestampReceived>2026-11-30T08:00:00Z<\/ns1:timestampReceived>/);
    assert.match(err, /<ns1:errorValue>not &lt;well&gt; &amp; formed<\/ns1:errorValue>/);
  });

  it('reads a due date as an instant only when it names a time zone', () => {
    assert.equal(instantOf('2026-03-24T05:00:00Z'), '2026-03-24T05:00:00.000Z');
    assert.equal(instantOf('2026-03-24T00:00:00-05:00'), '2026-03-24T05:00:00.000Z');
    assert.equal(instantOf('2026-03-24T05:00:00'), null);
    assert.equal(instantOf(null), null);
  });
});
