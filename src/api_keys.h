/*-------------------------------------------------------------------------
 *
 * api_keys.h
 *	  API keys: making them, reading them from a request, checking them.
 *
 * src/api_keys.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_API_KEYS_H
#define PI_API_KEYS_H

/* What an API key that checked out grants. */
typedef struct PiKeyOwner
{
	char	   *key_id;
	char	   *principal;
	bool		read_only;
} PiKeyOwner;

extern char *PiKeyFromAuthorization(const char *authorization);
extern void PiCheckApiKey(const char *key, bool record_use,
						  PiKeyOwner *owner);
extern char *PiCreateApiKey(const char *principal, bool read_only,
							bool has_expires, TimestampTz expires);
extern bool PiRevokeApiKey(const char *key_id);

#endif							/* PI_API_KEYS_H */
