/*-------------------------------------------------------------------------
 *
 * base64url.h
 *	  Unpadded base64url, the URL-safe text of cursors and API keys.
 *
 * src/base64url.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_BASE64URL_H
#define PI_BASE64URL_H

extern char *PiBase64UrlEncode(const char *data, int len);
extern char *PiBase64UrlDecode(const char *text, int *len);
extern bool PiIsBase64UrlChar(char c);

#endif							/* PI_BASE64URL_H */
