/*-------------------------------------------------------------------------
 *
 * cursor.c
 *	  Keyset cursors: the opaque, URL-safe text that lets a listing resume
 *	  right after the last row of a page, at the same cost at any depth.
 *
 * A cursor holds a format version, the sort, a digest of the filters and
 * the sort values of the last row (the id among them), packed in binary
 * and written in unpadded base64url.  It is not signed: any values a
 * caller forges are only compared with the rows the caller may read, as
 * query parameters.  Decoding refuses, with 22023, anything that is not a
 * well-formed cursor of the same sort and filters.
 *
 * src/cursor.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "base64url.h"
#include "cursor.h"
#include "unicode_text.h"

#define CURSOR_VERSION		1

/* Longest cursor text accepted; real ones are far shorter. */
#define CURSOR_MAX_CHARS	16384

/* Seed of the filter digest, so it differs from other uses of the hash. */
#define DIGEST_SEED			UINT64CONST(0x70695f637572736f)

/* AppendDigestPart adds one filter, present or not, to the digest input. */
static void
AppendDigestPart(StringInfo buf, const char *value)
{
	if (value == NULL)
		appendStringInfoChar(buf, 'n');
	else
	{
		appendStringInfoChar(buf, 'v');
		appendBinaryStringInfo(buf, value, strlen(value) + 1);
	}
}

/*
 * FilterDigest returns a 64-bit digest of the cleaned filters, so that a
 * cursor made under some filters is refused under others.
 */
static uint64
FilterDigest(const PiFilters *filters)
{
	StringInfoData buf;
	uint64		digest;

	initStringInfo(&buf);
	AppendDigestPart(&buf, filters->program_key);
	AppendDigestPart(&buf, filters->org);
	AppendDigestPart(&buf, filters->email_key);
	AppendDigestPart(&buf, filters->username_key);
	AppendDigestPart(&buf, filters->source);
	AppendDigestPart(&buf, !filters->active_given ? NULL :
					 filters->active ? "t" : "f");
	AppendDigestPart(&buf, filters->metadata == NULL ? NULL :
					 JsonbToCString(NULL, &filters->metadata->root,
									VARSIZE(filters->metadata)));
	digest = hash_bytes_extended((const unsigned char *) buf.data, buf.len,
								 DIGEST_SEED);
	pfree(buf.data);
	return digest;
}

/* AppendUint appends the low nbytes of value, most significant first. */
static void
AppendUint(StringInfo buf, uint64 value, int nbytes)
{
	int			i;

	for (i = nbytes - 1; i >= 0; i--)
		appendStringInfoChar(buf, (char) ((value >> (i * 8)) & 0xFF));
}

/*
 * PiEncodeCursor returns the cursor that resumes after row, a row of a
 * listing statement whose sort values start at PI_FIRST_SORT_COLUMN.
 */
char *
PiEncodeCursor(const PiFilters *filters, const PiSort *sort, HeapTuple row,
			   TupleDesc desc)
{
	StringInfoData packed;
	char	   *encoded;
	int			k;

	initStringInfo(&packed);
	appendStringInfoChar(&packed, CURSOR_VERSION);
	appendStringInfoChar(&packed, (char) sort->nnamed);
	for (k = 0; k < sort->nnamed; k++)
		appendStringInfoChar(&packed,
							 (char) ((sort->fields[k] << 1) |
									 sort->descending[k]));
	AppendUint(&packed, FilterDigest(filters), 8);

	for (k = 0; k < sort->nkeys; k++)
	{
		bool		isnull;
		Datum		value = SPI_getbinval(row, desc, PI_FIRST_SORT_COLUMN + k,
										  &isnull);

		appendStringInfoChar(&packed, isnull ? 0 : 1);
		if (isnull)
			continue;
		switch (PiSortFieldType(sort->fields[k]))
		{
			case INT8OID:
				AppendUint(&packed, (uint64) DatumGetInt64(value), 8);
				break;
			case TIMESTAMPTZOID:
				AppendUint(&packed, (uint64) DatumGetTimestampTz(value), 8);
				break;
			case BOOLOID:
				appendStringInfoChar(&packed, DatumGetBool(value) ? 1 : 0);
				break;
			default:
				{
					text	   *t = DatumGetTextPP(value);

					AppendUint(&packed, VARSIZE_ANY_EXHDR(t), 4);
					appendBinaryStringInfo(&packed, VARDATA_ANY(t),
										   VARSIZE_ANY_EXHDR(t));
					break;
				}
		}
	}

	encoded = PiBase64UrlEncode(packed.data, packed.len);
	pfree(packed.data);
	return encoded;
}

/* CursorError refuses a cursor, SQLSTATE 22023. */
static void
CursorError(const char *raw, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for parameter \"cursor\": \"%s\"",
					PiQuote(raw)),
			 errdetail_internal("%s", detail),
			 errhint("Pass the next_cursor of an earlier page, with the "
					 "same filters and sort.")));
}

/* A read position in a packed cursor. */
typedef struct Reader
{
	const unsigned char *p;
	const unsigned char *end;
	const char *raw;
} Reader;

/* ReadUint reads nbytes, most significant first; a short read is 22023. */
static uint64
ReadUint(Reader *r, int nbytes)
{
	uint64		value = 0;
	int			i;

	if (r->end - r->p < nbytes)
		CursorError(r->raw, "It is not a cursor of this API.");
	for (i = 0; i < nbytes; i++)
		value = (value << 8) | *r->p++;
	return value;
}

/*
 * PiDecodeCursor decodes raw into cursor, checking that it was made for
 * this sort and these filters.  Text values are copied into the current
 * memory context.  Raises 22023 for anything else.
 */
void
PiDecodeCursor(const char *raw, const PiFilters *filters, const PiSort *sort,
			   PiCursor *cursor)
{
	int			raw_len = strlen(raw);
	char	   *packed;
	int			packed_len;
	Reader		r;
	int			k;

	if (raw_len == 0 || raw_len > CURSOR_MAX_CHARS)
		CursorError(raw, "It is not a cursor of this API.");

	packed = PiBase64UrlDecode(raw, &packed_len);
	if (packed == NULL)
		CursorError(raw, "It is not a cursor of this API.");

	r.p = (const unsigned char *) packed;
	r.end = r.p + packed_len;
	r.raw = raw;
	if (ReadUint(&r, 1) != CURSOR_VERSION)
		CursorError(raw, "It is not a cursor of this API.");
	if (ReadUint(&r, 1) != (uint64) sort->nnamed)
		CursorError(raw, "It was made for another sort.");
	for (k = 0; k < sort->nnamed; k++)
		if (ReadUint(&r, 1) !=
			(uint64) ((sort->fields[k] << 1) | sort->descending[k]))
			CursorError(raw, "It was made for another sort.");
	if (ReadUint(&r, 8) != FilterDigest(filters))
		CursorError(raw, "It was made for other filters.");

	for (k = 0; k < sort->nkeys; k++)
	{
		uint64		present = ReadUint(&r, 1);

		if (present > 1)
			CursorError(raw, "It is not a cursor of this API.");
		cursor->isnull[k] = (present == 0);
		cursor->values[k] = (Datum) 0;
		if (cursor->isnull[k])
			continue;
		switch (PiSortFieldType(sort->fields[k]))
		{
			case INT8OID:
				cursor->values[k] = Int64GetDatum((int64) ReadUint(&r, 8));
				break;
			case TIMESTAMPTZOID:
				cursor->values[k] =
					TimestampTzGetDatum((TimestampTz) ReadUint(&r, 8));
				break;
			case BOOLOID:
				{
					uint64		b = ReadUint(&r, 1);

					if (b > 1)
						CursorError(raw, "It is not a cursor of this API.");
					cursor->values[k] = BoolGetDatum(b == 1);
					break;
				}
			default:
				{
					uint64		len = ReadUint(&r, 4);

					if ((uint64) (r.end - r.p) < len ||
						!pg_verifymbstr((const char *) r.p, (int) len, true))
						CursorError(raw, "It is not a cursor of this API.");
					cursor->values[k] = PointerGetDatum(
						cstring_to_text_with_len((const char *) r.p,
												 (int) len));
					r.p += len;
					break;
				}
		}
	}
	if (r.p != r.end)
		CursorError(raw, "It is not a cursor of this API.");
	pfree(packed);
}
