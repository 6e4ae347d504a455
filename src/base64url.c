/*-------------------------------------------------------------------------
 *
 * base64url.c
 *	  Unpadded base64url (RFC 4648, section 5) over PostgreSQL's own
 *	  base64 code: the text form of keyset cursors and API keys, safe in
 *	  URLs and headers without escaping.
 *
 * src/base64url.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/base64.h"

#include "base64url.h"

/* PiIsBase64UrlChar is true for the 64 letters of base64url. */
bool
PiIsBase64UrlChar(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* PiBase64UrlEncode returns len bytes of data as unpadded base64url. */
char *
PiBase64UrlEncode(const char *data, int len)
{
	int			size = pg_b64_enc_len(len);
	char	   *text = palloc(size + 1);
	int			text_len = pg_b64_encode(data, len, text, size);
	int			i;

	if (text_len < 0)
		elog(ERROR, "could not encode base64url");
	while (text_len > 0 && text[text_len - 1] == '=')
		text_len--;
	text[text_len] = '\0';
	for (i = 0; i < text_len; i++)
	{
		if (text[i] == '+')
			text[i] = '-';
		else if (text[i] == '/')
			text[i] = '_';
	}
	return text;
}

/*
 * PiBase64UrlDecode decodes unpadded base64url into a palloc'd buffer and
 * sets *len.  Returns NULL for text that is not base64url.
 */
char *
PiBase64UrlDecode(const char *text, int *len)
{
	int			text_len = strlen(text);
	char	   *padded = palloc(text_len + 4);
	char	   *data;
	int			i;

	for (i = 0; i < text_len; i++)
	{
		if (!PiIsBase64UrlChar(text[i]))
		{
			pfree(padded);
			return NULL;
		}
		padded[i] = text[i] == '-' ? '+' : text[i] == '_' ? '/' : text[i];
	}
	while (i % 4 != 0)
		padded[i++] = '=';
	data = palloc(pg_b64_dec_len(i) + 1);
	*len = pg_b64_decode(padded, i, data, pg_b64_dec_len(i));
	pfree(padded);
	if (*len < 0)
	{
		pfree(data);
		return NULL;
	}
	return data;
}
