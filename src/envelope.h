/*-------------------------------------------------------------------------
 *
 * envelope.h
 *	  The jsonb envelope of invitation_page and its page links.
 *
 * src/envelope.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_ENVELOPE_H
#define PI_ENVELOPE_H

#include "executor/spi.h"
#include "utils/jsonb.h"

#include "query.h"

/* Where the page is, and how it was asked for. */
typedef struct PiPageRequest
{
	const PiFilters *filters;
	const PiSort *sort;
	int32		page;
	int32		page_size;
	bool		verbose;
} PiPageRequest;

extern Jsonb *PiBuildEnvelope(const PiPageRequest *request, int64 count,
							  SPITupleTable *rows, uint64 nrows);

#endif							/* PI_ENVELOPE_H */
