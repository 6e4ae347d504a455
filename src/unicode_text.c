/*-------------------------------------------------------------------------
 *
 * unicode_text.c
 *	  Trimming, NFC, case folding and Unicode character classes for
 *	  emails, usernames and the other text the API takes.
 *
 * No rule here depends on the database's locale: normalisation comes from
 * PostgreSQL's own unicode_normalize, and character classes and case
 * folding from ICU.  The extension needs a UTF8 database; every string
 * handled here is UTF-8.  Also home of text_key(), the SQL function behind
 * the case-insensitive key columns.
 *
 * src/unicode_text.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <unicode/uchar.h>

#include "common/unicode_norm.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "unicode_text.h"

/* How much of a user value an error message quotes, in bytes. */
#define QUOTE_MAX_BYTES 64

/*
 * Values longer than this are neither normalised nor case-folded: decoding
 * takes four bytes a byte, and every limit of the API is far below it, so
 * such a value is refused for its length or, as a filter, matches nothing.
 */
#define MAX_TRANSFORM_BYTES (1024 * 1024)

PG_FUNCTION_INFO_V1(pi_text_key);

/*
 * PiRequireUtf8 refuses to work in a database that is not UTF8: every rule
 * of the API is stated on Unicode text.
 */
void
PiRequireUtf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("program_invitations requires a UTF8 database"),
				 errdetail("This database uses encoding \"%s\".",
						   GetDatabaseEncodingName())));
}

/* PiIsAsciiSpace is true for the white space that trimming removes. */
bool
PiIsAsciiSpace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v';
}

/* PiIsControl is true for C0 and C1 control characters and DEL. */
bool
PiIsControl(pg_wchar c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/*
 * PiIsForbidden is true for what may never stand inside an email, a
 * username or a redirect URL: white space, control, format (zero-width,
 * bidi overrides) and private-use characters.
 */
bool
PiIsForbidden(pg_wchar c)
{
	if (c < 0x80)
		return c <= 0x20 || c == 0x7F;
	if (u_isUWhiteSpace((UChar32) c))
		return true;
	return (U_GET_GC_MASK((UChar32) c) &
			(U_GC_CC_MASK | U_GC_CF_MASK | U_GC_CO_MASK | U_GC_Z_MASK)) != 0;
}

/* PiIsLetter is true for every Unicode letter (general category L). */
bool
PiIsLetter(pg_wchar c)
{
	return (U_GET_GC_MASK((UChar32) c) & U_GC_L_MASK) != 0;
}

/* PiIsMark is true for combining marks (general category M). */
bool
PiIsMark(pg_wchar c)
{
	return (U_GET_GC_MASK((UChar32) c) & U_GC_M_MASK) != 0;
}

/* PiIsDecimalDigit is true for decimal digits of any script (Nd). */
bool
PiIsDecimalDigit(pg_wchar c)
{
	return (U_GET_GC_MASK((UChar32) c) & U_GC_ND_MASK) != 0;
}

/*
 * PiIsGraphic is true for visible characters: not white space, control,
 * format, surrogate, unassigned or private use.
 */
bool
PiIsGraphic(pg_wchar c)
{
	return u_isgraph((UChar32) c) &&
		(U_GET_GC_MASK((UChar32) c) & U_GC_CO_MASK) == 0;
}

/*
 * PiDecode turns a NUL-terminated UTF-8 string into a palloc'd,
 * zero-terminated array of code points, and sets *nchars to their number.
 */
pg_wchar *
PiDecode(const char *str, int *nchars)
{
	int			len = strlen(str);
	pg_wchar   *chars = palloc((len + 1) * sizeof(pg_wchar));
	int			n = 0;

	while (*str)
	{
		chars[n++] = utf8_to_unicode((const unsigned char *) str);
		str += pg_utf_mblen((const unsigned char *) str);
	}
	chars[n] = 0;
	*nchars = n;
	return chars;
}

/* Encode turns n code points back into a palloc'd UTF-8 string. */
static char *
Encode(const pg_wchar *chars, int n)
{
	char	   *out = palloc(n * 4 + 1);
	unsigned char *p = (unsigned char *) out;
	int			i;

	for (i = 0; i < n; i++)
	{
		unicode_to_utf8(chars[i], p);
		p += pg_utf_mblen(p);
	}
	*p = '\0';
	return out;
}

/* IsAscii is true when the first len bytes of str are all ASCII. */
static bool
IsAscii(const char *str, int len)
{
	int			i;

	for (i = 0; i < len; i++)
		if ((unsigned char) str[i] >= 0x80)
			return false;
	return true;
}

/*
 * PiNormalize returns the first len bytes of str in Unicode NFC, as a
 * palloc'd NUL-terminated string.  ASCII text is NFC already and is only
 * copied, and so is text over MAX_TRANSFORM_BYTES.
 */
char *
PiNormalize(const char *str, int len)
{
	char	   *copy = pnstrdup(str, len);
	pg_wchar   *chars;
	pg_wchar   *normal;
	int			n;
	int			normal_len;

	if (len > MAX_TRANSFORM_BYTES || IsAscii(str, len))
		return copy;

	chars = PiDecode(copy, &n);
	if (unicode_is_normalized_quickcheck(UNICODE_NFC, chars) ==
		UNICODE_NORM_QC_YES)
	{
		pfree(chars);
		return copy;
	}
	/* In the backend this allocates with palloc and never returns NULL. */
	normal = unicode_normalize(UNICODE_NFC, chars);
	for (normal_len = 0; normal[normal_len] != 0; normal_len++)
		;
	pfree(copy);
	pfree(chars);
	copy = Encode(normal, normal_len);
	pfree(normal);
	return copy;
}

/*
 * PiTrimAndNormalize trims ASCII white space from both ends of the first
 * len bytes of str and puts the rest in NFC.  Returns NULL when nothing is
 * left, since an empty value counts as no value.
 */
char *
PiTrimAndNormalize(const char *str, int len)
{
	while (len > 0 && PiIsAsciiSpace((unsigned char) str[0]))
	{
		str++;
		len--;
	}
	while (len > 0 && PiIsAsciiSpace((unsigned char) str[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	return PiNormalize(str, len);
}

/*
 * PiFoldKey returns the case-insensitive key of an NFC string: Unicode
 * simple case folding of each code point, put back in NFC.  Simple folding
 * keeps the number of characters, so "ß" stays "ß" rather than becoming
 * "ss".  Emails and usernames are compared through this key everywhere.
 * Text over MAX_TRANSFORM_BYTES is returned as it is: no stored email or
 * username comes near that length.
 */
char *
PiFoldKey(const char *str)
{
	int			len = strlen(str);
	pg_wchar   *chars;
	char	   *key;
	int			n;
	int			i;

	if (len > MAX_TRANSFORM_BYTES)
		return pstrdup(str);
	if (IsAscii(str, len))
	{
		key = palloc(len + 1);
		for (i = 0; i < len; i++)
			key[i] = (str[i] >= 'A' && str[i] <= 'Z') ? str[i] + 32 : str[i];
		key[len] = '\0';
		return key;
	}

	chars = PiDecode(str, &n);
	for (i = 0; i < n; i++)
		chars[i] = (pg_wchar) u_foldCase((UChar32) chars[i],
										 U_FOLD_CASE_DEFAULT);
	key = Encode(chars, n);
	pfree(chars);
	return PiNormalize(key, strlen(key));
}

/*
 * PiQuote returns a user value fit to quote in an error message: cut to a
 * sane length at a character boundary, with control, format and other
 * invisible characters written as \uXXXX so the reader sees them.
 */
char *
PiQuote(const char *str)
{
	StringInfoData buf;
	int			len = strlen(str);
	int			cut = pg_mbcliplen(str, len, QUOTE_MAX_BYTES);
	const char *p = str;

	initStringInfo(&buf);
	while (p < str + cut)
	{
		int			charlen = pg_utf_mblen((const unsigned char *) p);
		pg_wchar	c = utf8_to_unicode((const unsigned char *) p);

		if (c != ' ' && PiIsForbidden(c))
			appendStringInfo(&buf, c > 0xFFFF ? "\\U%08X" : "\\u%04X",
							 (unsigned int) c);
		else
			appendBinaryStringInfo(&buf, p, charlen);
		p += charlen;
	}
	if (cut < len)
		appendStringInfoString(&buf, "...");
	return buf.data;
}

/*
 * text_key(text) returns the comparison key of an email or username:
 * trimmed, NFC, case-folded.  IMMUTABLE and used by the generated key
 * columns, so it must give the same key for the same text for as long as
 * the ICU version stays; an ICU upgrade that changes case folding calls for
 * a REINDEX, as with ICU collations.
 */
Datum
pi_text_key(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	char	   *clean;

	PiRequireUtf8();
	clean = PiTrimAndNormalize(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
	if (clean == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(PiFoldKey(clean)));
}
