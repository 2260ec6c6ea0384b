import { escapeXml } from './xml-tree';
import type { ExportableItem } from './item-draft';
import { CP_NS, ITEM_RESOURCE_TYPE, QTI_META_NAMESPACE, QTI_NS } from './qti3-common';

/** One exported item file. */
export interface QtiItemFile {
  identifier: string;
  path: string;
  xml: string;
}

/** A QTI 3.0 content package as text: zip it with `imsmanifest.xml` at the root (see `buildQtiPackageZip`). */
export interface QtiPackage {
  manifest: string;
  items: QtiItemFile[];
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Export items as QTI 3.0: one `qti-assessment-item` file per item (`items/<identifier>.xml`) and an
 * `imsmanifest.xml` carrying our metadata (see the module comment). Identifiers are the item's `id`/`externalId`
 * when they are valid XML names, else `item-0001`, …. `parseQti3Package` on the result gives the same items.
 */
export function exportQti3(items: readonly ExportableItem[]): QtiPackage {
  const used = new Set<string>();
  const files = items.map((item, n): QtiItemFile => {
    const wanted = item.id ?? item.externalId;
    let identifier = wanted !== undefined && NCNAME.test(wanted) && !used.has(wanted) ? wanted : `item-${String(n + 1).padStart(4, '0')}`;
    while (used.has(identifier)) identifier = `${identifier}-${n + 1}`;
    used.add(identifier);
    return { identifier, path: `items/${identifier}.xml`, xml: itemXml(item, identifier) };
  });
  const resources = files.map((f, i) => {
    const item = items[i]!;
    const id = item.id ?? item.externalId;
    const meta = [
      `<sc:pointCode>${escapeXml(item.pointCode)}</sc:pointCode>`,
      `<sc:difficulty>${item.difficulty}</sc:difficulty>`,
      `<sc:discrimination>${item.discrimination}</sc:discrimination>`,
      item.enemyGroup === null ? '' : `<sc:enemyGroup>${escapeXml(item.enemyGroup)}</sc:enemyGroup>`,
      `<sc:status>${item.status}</sc:status>`,
      id === undefined ? '' : `<sc:externalId>${escapeXml(id)}</sc:externalId>`,
    ].join('');
    return [
      `    <resource identifier="res-${f.identifier}" type="${ITEM_RESOURCE_TYPE}" href="${escapeXml(f.path)}">`,
      `      <metadata><sc:item-meta xmlns:sc="${QTI_META_NAMESPACE}">${meta}</sc:item-meta></metadata>`,
      `      <file href="${escapeXml(f.path)}"/>`,
      '    </resource>',
    ].join('\n');
  });
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="${CP_NS}" identifier="skillcert-items">`,
    '  <metadata><schema>QTI Package</schema><schemaversion>3.0.0</schemaversion></metadata>',
    '  <organizations/>',
    '  <resources>',
    ...resources,
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
  return { manifest, items: files };
}

function paragraphs(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => `${indent}<p>${escapeXml(line)}</p>`)
    .join('\n');
}

function itemXml(item: ExportableItem, identifier: string): string {
  const title = item.stem.split('\n')[0]!.slice(0, 40);
  const open = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<qti-assessment-item xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
    `  xsi:schemaLocation="${QTI_NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"`,
    `  identifier="${escapeXml(identifier)}" title="${escapeXml(title)}" label="${escapeXml(item.pointCode)}" adaptive="false" time-dependent="false" xml:lang="zh-CN">`,
  ];
  const score = [
    '  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">',
    '    <qti-default-value><qti-value>0</qti-value></qti-default-value>',
    '  </qti-outcome-declaration>',
  ];
  if (item.type === 'subjective') {
    return [
      ...open,
      '  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>',
      ...score,
      '  <qti-item-body>',
      paragraphs(item.stem, '    '),
      '    <qti-rubric-block use="scoring" view="scorer">',
      paragraphs(item.reference ?? '', '      '),
      '    </qti-rubric-block>',
      '    <qti-extended-text-interaction response-identifier="RESPONSE"/>',
      '  </qti-item-body>',
      '</qti-assessment-item>',
      '',
    ].join('\n');
  }
  const multi = item.type === 'multi';
  const hasFractions = item.options.some((o) => o.fraction !== undefined);
  const mapping = hasFractions
    ? [
        '    <qti-mapping lower-bound="0" upper-bound="1" default-value="0">',
        ...item.options.map((o) => `      <qti-map-entry map-key="${o.label}" mapped-value="${o.fraction ?? (item.key.includes(o.label) ? 1 : 0)}"/>`),
        '    </qti-mapping>',
      ]
    : [];
  const template = hasFractions ? 'map_response' : 'match_correct';
  return [
    ...open,
    `  <qti-response-declaration identifier="RESPONSE" cardinality="${multi ? 'multiple' : 'single'}" base-type="identifier">`,
    `    <qti-correct-response>${item.key.map((k) => `<qti-value>${k}</qti-value>`).join('')}</qti-correct-response>`,
    ...mapping,
    '  </qti-response-declaration>',
    ...score,
    '  <qti-item-body>',
    paragraphs(item.stem, '    '),
    `    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="${multi ? 0 : 1}">`,
    ...item.options.map((o) => `      <qti-simple-choice identifier="${o.label}">${escapeXml(o.text).replace(/\n/g, '<br/>')}</qti-simple-choice>`),
    '    </qti-choice-interaction>',
    '  </qti-item-body>',
    `  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/${template}.xml"/>`,
    '</qti-assessment-item>',
    '',
  ].join('\n');
}
