/*-------------------------------------------------------------------------
 *
 * validate.h
 *	  Checking and cleaning of every value a caller passes in.
 *
 * src/validate.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_VALIDATE_H
#define PI_VALIDATE_H

#include "fmgr.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

extern text *PiArgText(FunctionCallInfo fcinfo, int argno);
extern Jsonb *PiArgJsonb(FunctionCallInfo fcinfo, int argno);

extern char *PiCleanEmail(text *raw);
extern char *PiCleanUsername(text *raw);
extern char *PiCleanSource(text *raw);
extern char *PiCleanRedirect(text *raw);
extern char *PiCleanFilter(text *raw);
extern void PiCheckName(const char *param, const char *name, int max_chars);
extern Jsonb *PiCleanMetadata(Jsonb *raw);
extern Jsonb *PiCleanMetadataFilter(Jsonb *raw);
extern void PiCheckMetadataSize(Jsonb *metadata);
extern void PiCheckExpired(TimestampTz expired, TimestampTz created);
extern void PiCheckPaging(FunctionCallInfo fcinfo, int page_argno,
						  int32 *page, int32 *page_size);
extern void PiRequireNotNull(FunctionCallInfo fcinfo, int argno,
							 const char *name);

#endif							/* PI_VALIDATE_H */
