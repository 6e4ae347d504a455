/*-------------------------------------------------------------------------
 *
 * validate.c
 *	  Checking and cleaning of every value a caller passes in: email,
 *	  username, source, redirect URL, metadata, filters and paging.
 *
 * Everything here runs before any table is touched.  A refusal is an
 * ereport with the SQLSTATE of the API contract: 22023 for an invalid
 * value, 22004 for a required NULL, 54000 for an oversized one.  The
 * primary message names the parameter and quotes the value (cut short);
 * the detail says what is wrong with it.
 *
 * src/validate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <sys/socket.h>

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/inet.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "program_invitations.h"
#include "unicode_text.h"
#include "validate.h"

/* Limits of the API contract. */
#define EMAIL_MAX_BYTES			254
#define EMAIL_LOCAL_MAX_BYTES	64
#define LABEL_MAX_BYTES			63
#define HOST_MAX_BYTES			253
#define USERNAME_MAX_CHARS		150
#define SOURCE_MAX_CHARS		255
#define REDIRECT_MAX_CHARS		2048

/* Characters a dot-atom local part may hold besides letters and digits. */
#define LOCAL_PART_SPECIALS		"!#$%&'*+/=?^_`{|}~-"

/*
 * InvalidValue reports a value that breaks a rule: SQLSTATE 22023, the
 * parameter and the quoted value in the message, the broken rule in the
 * detail and, when given, how to write it right in the hint.
 */
static void
InvalidValue(const char *param, const char *value, const char *detail,
			 const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for parameter \"%s\": \"%s\"",
					param, PiQuote(value)),
			 errdetail_internal("%s", detail),
			 hint ? errhint("%s", hint) : 0));
}

/* TooLong reports a value over a length limit, SQLSTATE 54000. */
static void
TooLong(const char *param, int length, int limit, const char *unit)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("value for parameter \"%s\" is too long", param),
			 errdetail("It has %d %s; at most %d are allowed.",
					   length, unit, limit)));
}

/* PiArgText returns argument argno as text, or NULL when it is NULL. */
text *
PiArgText(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : PG_GETARG_TEXT_PP(argno);
}

/* PiArgJsonb returns argument argno as jsonb, or NULL when it is NULL. */
Jsonb *
PiArgJsonb(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : PG_GETARG_JSONB_P(argno);
}

/*
 * PiRequireNotNull refuses a NULL for a required argument, SQLSTATE 22004.
 */
void
PiRequireNotNull(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("parameter \"%s\" must not be null", name)));
}

/* TrimmedText trims and normalises a text argument; NULL when empty. */
static char *
TrimmedText(text *raw)
{
	if (raw == NULL)
		return NULL;
	return PiTrimAndNormalize(VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw));
}

/* IsAsciiAlnum is true for ASCII letters and digits. */
static bool
IsAsciiAlnum(pg_wchar c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9');
}

/* IsDigit is true for ASCII digits and other Unicode decimal digits. */
static bool
IsDigit(pg_wchar c)
{
	return (c >= '0' && c <= '9') || (c >= 0x80 && PiIsDecimalDigit(c));
}

/* Utf8Length returns how many bytes code point c takes in UTF-8. */
static int
Utf8Length(pg_wchar c)
{
	if (c < 0x80)
		return 1;
	if (c < 0x800)
		return 2;
	if (c < 0x10000)
		return 3;
	return 4;
}

/*
 * CheckDomain checks the domain of an email: at least two dot-separated
 * labels, each 1-63 bytes of letters, combining marks, digits and inner
 * hyphens, none starting with a mark, the last not all digits.  So IP
 * literals and single-label hosts such as localhost are refused.
 */
static void
CheckDomain(const char *email, const pg_wchar *chars, int start, int end)
{
	int			labels = 0;
	int			i = start;

	while (i <= end)
	{
		int			label_start = i;
		int			label_bytes = 0;
		bool		all_digits = true;

		while (i < end && chars[i] != '.')
		{
			pg_wchar	c = chars[i];

			if (!(IsAsciiAlnum(c) || c == '-' ||
				  (c >= 0x80 && (PiIsLetter(c) || PiIsMark(c) ||
								 PiIsDecimalDigit(c)))))
				InvalidValue("email", email,
							 "The domain may hold only letters, digits, "
							 "hyphens and dots.",
							 "Write an address such as name@example.com.");
			if (!IsDigit(c))
				all_digits = false;
			label_bytes += Utf8Length(c);
			i++;
		}
		if (i == label_start)
			InvalidValue("email", email,
						 "The domain has an empty label.",
						 "Write an address such as name@example.com.");
		if (label_bytes > LABEL_MAX_BYTES)
			InvalidValue("email", email,
						 "A label of the domain is longer than 63 bytes.",
						 NULL);
		if (chars[label_start] == '-' || chars[i - 1] == '-')
			InvalidValue("email", email,
						 "A label of the domain starts or ends with a "
						 "hyphen.", NULL);
		if (PiIsMark(chars[label_start]))
			InvalidValue("email", email,
						 "A label of the domain starts with a combining "
						 "mark.", NULL);
		labels++;
		if (i == end)
		{
			if (all_digits)
				InvalidValue("email", email,
							 "The domain ends in an all-digit label; IP "
							 "addresses are not accepted.",
							 "Write an address such as name@example.com.");
			break;
		}
		i++;					/* skip the dot */
	}
	if (labels < 2)
		InvalidValue("email", email,
					 "The domain needs at least two labels, such as "
					 "example.com.",
					 "Write an address such as name@example.com.");
}

/*
 * CheckLocalPart checks the part before the "@": a dot-atom of ASCII
 * letters, digits and the RFC 5322 specials, or non-ASCII letters, marks
 * and digits; dots only between parts; no part starting with a mark.
 */
static void
CheckLocalPart(const char *email, const pg_wchar *chars, int end)
{
	int			i;

	for (i = 0; i < end; i++)
	{
		pg_wchar	c = chars[i];

		if (c == '.')
		{
			if (i == 0 || i == end - 1 || chars[i + 1] == '.')
				InvalidValue("email", email,
							 "A dot in the local part may not be first, "
							 "last or doubled.", NULL);
			continue;
		}
		if (c < 0x80)
		{
			if (!IsAsciiAlnum(c) &&
				strchr(LOCAL_PART_SPECIALS, (int) c) == NULL)
				InvalidValue("email", email,
							 "The local part holds a character that an "
							 "address may not contain.",
							 "Quoted local parts, comments and the "
							 "characters \\ \" ( ) , : ; < > [ ] are not "
							 "accepted.");
		}
		else if (!(PiIsLetter(c) || PiIsMark(c) || PiIsDecimalDigit(c)))
			InvalidValue("email", email,
						 "The local part holds a character that an address "
						 "may not contain.",
						 NULL);
		if (PiIsMark(c) && (i == 0 || chars[i - 1] == '.'))
			InvalidValue("email", email,
						 "A part of the local part starts with a combining "
						 "mark.", NULL);
	}
}

/*
 * PiCleanEmail trims, normalises and checks an email.  Returns NULL for a
 * NULL or blank value, else the cleaned address (its case kept).  Every
 * broken rule, the length limits included, is 22023: an address too long
 * is not an address.
 */
char *
PiCleanEmail(text *raw)
{
	char	   *email = TrimmedText(raw);
	pg_wchar   *chars;
	int			nchars;
	int			at = -1;
	int			i;
	const char *at_byte;

	if (email == NULL)
		return NULL;
	if (strlen(email) > EMAIL_MAX_BYTES)
		InvalidValue("email", email,
					 "An address is at most 254 bytes long.", NULL);

	chars = PiDecode(email, &nchars);
	for (i = 0; i < nchars; i++)
	{
		if (PiIsForbidden(chars[i]))
			InvalidValue("email", email,
						 "An address may not contain white space, control, "
						 "format or private-use characters.", NULL);
		if (chars[i] == '@')
		{
			if (at >= 0)
				InvalidValue("email", email,
							 "An address has exactly one \"@\".", NULL);
			at = i;
		}
	}
	if (at < 0)
		InvalidValue("email", email, "An address has exactly one \"@\".",
					 "Write an address such as name@example.com.");
	at_byte = strchr(email, '@');
	if (at_byte == email)
		InvalidValue("email", email, "The local part before \"@\" is empty.",
					 NULL);
	if (at_byte - email > EMAIL_LOCAL_MAX_BYTES)
		InvalidValue("email", email,
					 "The local part before \"@\" is at most 64 bytes long.",
					 NULL);

	CheckLocalPart(email, chars, at);
	CheckDomain(email, chars, at + 1, nchars);
	pfree(chars);
	return email;
}

/*
 * CheckText refuses a value longer than max_chars characters (54000), or
 * holding a character for which forbidden is true (22023, with detail).
 * The shared rule of usernames, sources and names.
 */
static void
CheckText(const char *param, const char *value, bool (*forbidden) (pg_wchar),
		  const char *detail, int max_chars)
{
	pg_wchar   *chars;
	int			nchars = pg_mbstrlen(value);
	int			i;

	/* Counted before decoding, so a huge value costs no huge allocation. */
	if (nchars > max_chars)
		TooLong(param, nchars, max_chars, "characters");
	chars = PiDecode(value, &nchars);
	for (i = 0; i < nchars; i++)
		if (forbidden(chars[i]))
			InvalidValue(param, value, detail, NULL);
	pfree(chars);
}

/*
 * PiCleanUsername trims, normalises and checks a username: 1 to 150
 * characters (54000 above), no white space, control, format or private-use
 * characters (22023).  Returns NULL for a NULL or blank value.
 */
char *
PiCleanUsername(text *raw)
{
	char	   *username = TrimmedText(raw);

	if (username != NULL)
		CheckText("username", username, PiIsForbidden,
				  "A username may not contain white space, control, format "
				  "or private-use characters.", USERNAME_MAX_CHARS);
	return username;
}

/*
 * PiCleanSource trims, normalises and checks a source: up to 255
 * characters (54000 above), no control characters (22023).  Returns NULL
 * for a NULL or blank value.
 */
char *
PiCleanSource(text *raw)
{
	char	   *source = TrimmedText(raw);

	if (source != NULL)
		CheckText("source", source, PiIsControl,
				  "A source may not contain control characters.",
				  SOURCE_MAX_CHARS);
	return source;
}

/*
 * PiCheckName checks a cleaned name (a program key, org, principal, role
 * name or claim): no control characters (22023), at most max_chars
 * characters (54000).
 */
void
PiCheckName(const char *param, const char *name, int max_chars)
{
	CheckText(param, name, PiIsControl,
			  "A name may not contain control characters.", max_chars);
}

/* PiCleanFilter trims and normalises a filter value; NULL when blank. */
char *
PiCleanFilter(text *raw)
{
	return TrimmedText(raw);
}

/*
 * RedirectError reports a redirect_to that breaks a rule, with a hint that
 * shows the accepted form.
 */
static void
RedirectError(const char *url, const char *detail)
{
	InvalidValue("redirect_to", url, detail,
				 "Give an absolute URL such as https://example.com/welcome.");
}

/*
 * CheckDottedQuad checks a host made only of digits and dots: it must be an
 * IPv4 address in exactly four decimal parts of 0-255 without leading
 * zeros (no empty part, so no trailing dot), the only numeric form every
 * browser reads alike.
 */
static void
CheckDottedQuad(const char *url, const char *host, int len)
{
	int			parts = 0;
	int			start = 0;
	int			i;

	for (i = 0; i <= len; i++)
	{
		int			part_len = i - start;
		int			value = 0;
		int			j;

		if (i < len && host[i] != '.')
			continue;
		if (part_len < 1 || part_len > 3 ||
			(part_len > 1 && host[start] == '0'))
			break;
		for (j = start; j < i; j++)
			value = value * 10 + (host[j] - '0');
		if (value > 255)
			break;
		parts++;
		start = i + 1;
	}
	if (i <= len || parts != 4)
		RedirectError(url, "A numeric host must be an IPv4 address in four "
					  "decimal parts, such as 192.0.2.1.");
}

/*
 * IsNumericLabel is true for a label that a browser's URL parser reads as
 * a number, and so the whole host as an IPv4 address: all decimal digits,
 * or "0x" followed by hex digits only.
 */
static bool
IsNumericLabel(const char *label, int len)
{
	int			i = 0;

	if (len >= 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'))
	{
		for (i = 2; i < len; i++)
			if (!isxdigit((unsigned char) label[i]))
				return false;
		return true;
	}
	for (i = 0; i < len; i++)
		if (!(label[i] >= '0' && label[i] <= '9'))
			return false;
	return true;
}

/*
 * CheckHostName checks a host that is not bracketed: a dotted-quad IPv4
 * address, or labels of ASCII letters, digits and inner hyphens, 1 to 63
 * long (so no trailing dot), whose last label is not numeric.  That refuses
 * every other form that browsers read as IPv4: 127.1, 2130706433, 0x7f,
 * 127.0x1, 0x7f.0x0.0x0.0x1.
 */
static void
CheckHostName(const char *url, const char *host, int len)
{
	int			i;
	int			label_start = 0;
	bool		digits_and_dots = true;

	if (len == 0)
		RedirectError(url, "The URL has no host.");
	if (len > HOST_MAX_BYTES)
		RedirectError(url, "The host is longer than 253 bytes.");
	for (i = 0; i < len; i++)
	{
		unsigned char c = host[i];

		if (c >= 0x80)
			RedirectError(url, "An internationalised host must be written "
						  "in its ASCII (xn--) form.");
		if (!(IsAsciiAlnum(c) || c == '-' || c == '.'))
			RedirectError(url, "The host may hold only letters, digits, "
						  "hyphens and dots.");
		if (c != '.' && !(c >= '0' && c <= '9'))
			digits_and_dots = false;
	}
	if (digits_and_dots)
	{
		CheckDottedQuad(url, host, len);
		return;
	}
	for (i = 0; i <= len; i++)
	{
		if (i < len && host[i] != '.')
			continue;
		if (i == label_start || i - label_start > LABEL_MAX_BYTES)
			RedirectError(url, "Each label of the host is 1 to 63 "
						  "characters long.");
		if (host[label_start] == '-' || host[i - 1] == '-')
			RedirectError(url, "A label of the host starts or ends with a "
						  "hyphen.");
		if (i == len && IsNumericLabel(host + label_start, i - label_start))
			RedirectError(url, "A host whose last label is a number is read "
						  "as an IPv4 address; write one as four decimal "
						  "parts, such as 192.0.2.1.");
		label_start = i + 1;
	}
}

/*
 * CheckIPv6 checks the inside of "[...]": only hex digits, colons and dots,
 * and an address that the server's inet parser reads as a full IPv6
 * address (no zone, no prefix length).
 */
static void
CheckIPv6(const char *url, const char *host, int len)
{
	char	   *copy;
	unsigned char addr[16];
	int			i;

	for (i = 0; i < len; i++)
		if (!(isxdigit((unsigned char) host[i]) || host[i] == ':' ||
			  host[i] == '.'))
			RedirectError(url, "A bracketed host must be an IPv6 address.");
	copy = pnstrdup(host, len);
	if (len == 0 || strchr(copy, ':') == NULL ||
		pg_inet_net_pton(PGSQL_AF_INET6, copy, addr, -1) != 128)
		RedirectError(url, "A bracketed host must be an IPv6 address.");
	pfree(copy);
}

/* CheckPort checks the digits after the host's ":": a port of 1-65535. */
static void
CheckPort(const char *url, const char *port, int len)
{
	int			value = 0;
	int			i;

	if (len == 0 || len > 5)
		RedirectError(url, "A port is a number from 1 to 65535.");
	for (i = 0; i < len; i++)
	{
		if (!(port[i] >= '0' && port[i] <= '9'))
			RedirectError(url, "A port is a number from 1 to 65535.");
		value = value * 10 + (port[i] - '0');
	}
	if (value < 1 || value > 65535)
		RedirectError(url, "A port is a number from 1 to 65535.");
}

/*
 * CheckHostAllowed enforces program_invitations.redirect_hosts when it is
 * set: the host must be one of the listed names or a subdomain of one.
 */
static void
CheckHostAllowed(const char *url, const char *host, int len)
{
	char	   *list;
	char	   *entry;
	char	   *save = NULL;

	if (pi_redirect_hosts == NULL || pi_redirect_hosts[0] == '\0')
		return;

	list = pstrdup(pi_redirect_hosts);
	for (entry = strtok_r(list, ",", &save); entry != NULL;
		 entry = strtok_r(NULL, ",", &save))
	{
		int			elen;

		while (PiIsAsciiSpace((unsigned char) *entry))
			entry++;
		elen = strlen(entry);
		while (elen > 0 && PiIsAsciiSpace((unsigned char) entry[elen - 1]))
			elen--;
		if (elen == 0 || elen > len)
			continue;
		if (pg_strncasecmp(host + len - elen, entry, elen) == 0 &&
			(elen == len || host[len - elen - 1] == '.'))
			return;
	}
	RedirectError(url, "Its host is not listed in the setting "
				  "program_invitations.redirect_hosts.");
}

/* HexValue returns the value of one hex digit. */
static int
HexValue(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

/*
 * CheckPathAndQuery checks what follows the authority: printable ASCII or
 * non-ASCII graphic characters, each "%" starting a well-formed escape, and
 * no escaped control characters.
 */
static void
CheckPathAndQuery(const char *url, const char *rest)
{
	const unsigned char *p = (const unsigned char *) rest;

	while (*p)
	{
		if (*p == '%')
		{
			int			value;

			if (!isxdigit(p[1]) || !isxdigit(p[2]))
				RedirectError(url, "Each \"%\" must start an escape of two "
							  "hex digits.");
			value = HexValue(p[1]) * 16 + HexValue(p[2]);
			if (value < 0x20 || value == 0x7F)
				RedirectError(url, "The URL escapes a control character.");
			p += 3;
			continue;
		}
		if (*p >= 0x80)
		{
			if (!PiIsGraphic(utf8_to_unicode(p)))
				RedirectError(url, "The URL holds an invisible character.");
			p += pg_utf_mblen(p);
			continue;
		}
		if (*p <= 0x20 || *p == 0x7F)
			RedirectError(url, "The URL holds white space or a control "
						  "character.");
		p++;
	}
}

/*
 * PiCleanRedirect checks redirect_to, which is neither trimmed nor
 * normalised: an absolute http or https URL with an ASCII host, an optional
 * port, and a clean path, query and fragment.  An empty string counts as
 * NULL.  Over 2,048 characters is 54000; any other broken rule 22023.
 */
char *
PiCleanRedirect(text *raw)
{
	char	   *url;
	const char *p;
	const char *authority_end;
	const char *host;
	int			host_len;
	const char *after_host;
	int			nchars;
	pg_wchar   *chars;
	int			i;

	if (raw == NULL || VARSIZE_ANY_EXHDR(raw) == 0)
		return NULL;
	url = text_to_cstring(raw);

	nchars = pg_mbstrlen(url);
	if (nchars > REDIRECT_MAX_CHARS)
		TooLong("redirect_to", nchars, REDIRECT_MAX_CHARS, "characters");
	chars = PiDecode(url, &nchars);
	for (i = 0; i < nchars; i++)
	{
		if (PiIsForbidden(chars[i]))
			RedirectError(url, "The URL holds white space, a control "
						  "character or an invisible character.");
		if (chars[i] == '\\')
			RedirectError(url, "The URL holds a backslash.");
	}
	pfree(chars);

	if (pg_strncasecmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (pg_strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		RedirectError(url, "The URL must start with http:// or https://.");

	authority_end = p + strcspn(p, "/?#");
	if (memchr(p, '@', authority_end - p) != NULL)
		RedirectError(url, "The URL may not carry user information before "
					  "its host.");
	if (*p == '[')
	{
		const char *close = memchr(p, ']', authority_end - p);

		if (close == NULL)
			RedirectError(url, "A bracketed host must end with \"]\".");
		host = p + 1;
		host_len = close - host;
		CheckIPv6(url, host, host_len);
		after_host = close + 1;
	}
	else
	{
		const char *colon = memchr(p, ':', authority_end - p);

		host = p;
		host_len = (colon ? colon : authority_end) - p;
		CheckHostName(url, host, host_len);
		after_host = host + host_len;
	}
	if (after_host < authority_end)
	{
		if (*after_host != ':')
			RedirectError(url, "Only a \":\" and a port may follow the host.");
		CheckPort(url, after_host + 1, authority_end - after_host - 1);
	}
	CheckHostAllowed(url, host, host_len);
	CheckPathAndQuery(url, authority_end);
	return url;
}

/*
 * PiCheckMetadataSize refuses a metadata object whose text form is longer
 * than program_invitations.max_metadata_bytes, SQLSTATE 54000.
 */
void
PiCheckMetadataSize(Jsonb *metadata)
{
	char	   *text_form;
	int			bytes;

	text_form = JsonbToCString(NULL, &metadata->root, VARSIZE(metadata));
	bytes = strlen(text_form);
	pfree(text_form);
	if (bytes > pi_max_metadata_bytes)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("value for parameter \"metadata\" is too large"),
				 errdetail("Its text form has %d bytes; at most %d are "
						   "allowed.", bytes, pi_max_metadata_bytes),
				 errhint("The limit is the setting "
						 "program_invitations.max_metadata_bytes.")));
}

/* RequireObject refuses a jsonb that is not an object, SQLSTATE 22023. */
static void
RequireObject(Jsonb *value, const char *what)
{
	if (!JB_ROOT_IS_OBJECT(value) || JB_ROOT_IS_SCALAR(value))
	{
		char	   *text_form = JsonbToCString(NULL, &value->root,
											   VARSIZE(value));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"metadata\": \"%s\"",
						PiQuote(text_form)),
				 errdetail("%s must be a JSON object.", what),
				 errhint("Pass an object such as {\"cohort\": \"2024\"}, not "
						 "a string holding one.")));
	}
}

/*
 * PiCleanMetadata checks the metadata of a create: a JSON object within the
 * size limit.  Returns NULL for NULL; the caller decides what NULL means.
 */
Jsonb *
PiCleanMetadata(Jsonb *raw)
{
	if (raw == NULL)
		return NULL;
	RequireObject(raw, "Metadata");
	PiCheckMetadataSize(raw);
	return raw;
}

/*
 * PiCleanMetadataFilter checks a metadata filter: a JSON object, of any
 * size (a filter never fails on length).
 */
Jsonb *
PiCleanMetadataFilter(Jsonb *raw)
{
	if (raw == NULL)
		return NULL;
	RequireObject(raw, "A metadata filter");
	return raw;
}

/*
 * PiCheckExpired refuses an expiry that is not later than the creation
 * time, SQLSTATE 22023.
 */
void
PiCheckExpired(TimestampTz expired, TimestampTz created)
{
	if (expired <= created)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"expired\": \"%s\"",
						timestamptz_to_str(expired)),
				 errdetail("It must be later than the invitation's created "
						   "time, %s.", timestamptz_to_str(created))));
}

/*
 * PiCheckPaging reads page and page_size from arguments page_argno and
 * page_argno + 1: NULL means 1 and 20; page starts at 1 and page_size runs
 * from 1 to program_invitations.max_page_size, else 22023.
 */
void
PiCheckPaging(FunctionCallInfo fcinfo, int page_argno, int32 *page,
			  int32 *page_size)
{
	*page = PG_ARGISNULL(page_argno) ? 1 : PG_GETARG_INT32(page_argno);
	*page_size = PG_ARGISNULL(page_argno + 1) ? 20 :
		PG_GETARG_INT32(page_argno + 1);

	if (*page < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"page\": %d", *page),
				 errdetail("Pages are numbered from 1.")));
	if (*page_size < 1 || *page_size > pi_max_page_size)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"page_size\": %d",
						*page_size),
				 errdetail("A page holds from 1 to %d rows.",
						   pi_max_page_size),
				 errhint("The upper limit is the setting "
						 "program_invitations.max_page_size.")));
}
