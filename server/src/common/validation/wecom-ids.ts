/**
 * Shapes of the identifiers the API accepts, checked by class-validator (`@Matches`), so a
 * malformed id is a 400 naming its field before any query runs.
 */

/** A CorpID (ww…): letters, digits, `_` and `-`. */
export const CORP_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** A WeCom userid, external_userid or chat id (wr…): letters, digits and `_ . @ -`. */
export const WECOM_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A row id of ours (a bigint in decimal). */
export const ROW_ID = /^\d{1,20}$/;
