/*-------------------------------------------------------------------------
 *
 * role_cache.h
 *	  Backend-local copies of the extension's owner, the declared
 *	  PostgREST roles and each principal's grants.
 *
 * src/role_cache.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_ROLE_CACHE_H
#define PI_ROLE_CACHE_H

/* A principal's grants, as the role tables hold them. */
typedef struct PiRights
{
	bool		dm_admin;
	int			nplatform_orgs;
	char	  **platform_orgs;	/* orgs it reads as platform admin */
	int			nadmin_programs;
	char	  **admin_programs; /* programs it reads and writes */
	Datum		platform_org_array; /* the same two lists as text[] */
	Datum		admin_program_array;
} PiRights;

extern void PiRoleCacheInit(void);
extern Oid	PiExtensionOwner(void);
extern const char *PiDeclaredClaim(const char *role_name);
extern const PiRights *PiRightsOf(const char *principal);

#endif							/* PI_ROLE_CACHE_H */
