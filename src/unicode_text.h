/*-------------------------------------------------------------------------
 *
 * unicode_text.h
 *	  Trimming, NFC, case folding and Unicode character classes.
 *
 * src/unicode_text.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_UNICODE_TEXT_H
#define PI_UNICODE_TEXT_H

#include "mb/pg_wchar.h"

extern char *PiTrimAndNormalize(const char *str, int len);
extern char *PiNormalize(const char *str, int len);
extern char *PiFoldKey(const char *str);
extern pg_wchar *PiDecode(const char *str, int *nchars);
extern char *PiQuote(const char *str);
extern void PiRequireUtf8(void);

extern bool PiIsAsciiSpace(int c);
extern bool PiIsControl(pg_wchar c);
extern bool PiIsForbidden(pg_wchar c);
extern bool PiIsLetter(pg_wchar c);
extern bool PiIsMark(pg_wchar c);
extern bool PiIsDecimalDigit(pg_wchar c);
extern bool PiIsGraphic(pg_wchar c);

#endif							/* PI_UNICODE_TEXT_H */
