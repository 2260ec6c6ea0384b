/**
 * QTI 3.0 (1EdTech) items: `qti-assessment-item` with one `qti-choice-interaction` (判断/单选/多选) or
 * `qti-extended-text-interaction` (主观题), and content packages (`imsmanifest.xml` + item files).
 *
 * Where our fields live (documented choice, written by `exportQti3` and read back):
 * - 鉴定点: the item's `label` attribute (QTI's free-text label for authoring tools), so a lone item file carries it;
 * - 难度/区分度/互斥组/状态/编号 and 鉴定点 again: in the manifest resource's `<metadata>` under
 *   `<sc:item-meta xmlns:sc="urn:skillcert:qti-item-meta:1">`, which IMS CP allows as extension metadata;
 *   the manifest value wins over the label.
 * - 判断题: a single-cardinality choice with exactly the identifiers T/F (or texts 正确/错误, 对/错, true/false).
 * - Partial credit: `qti-mapping` entries (`mapped-value` / `upper-bound`, or as given when no bound) → fractions.
 * Option identifiers are relabelled A, B, … in document order; the key follows the identifiers.
 */

/** Namespace of our item metadata (`sc:item-meta`) in manifests. */
export const QTI_META_NAMESPACE = 'urn:skillcert:qti-item-meta:1';
/** QTI 3.0 item namespace. */
export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
/** IMS Content Packaging namespace as used by QTI 3.0 packages. */
export const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
/** Manifest resource type of a QTI 3.0 item. */
export const ITEM_RESOURCE_TYPE = 'imsqti_item_xmlv3p0';
/** Where a QTI file carries the 鉴定点, for the “missing 鉴定点” message. */
export const QTI_POINT_HINT = '请在 qti-assessment-item 的 label 属性（如 label="A-B-001"）或 manifest 元数据中给出';
