// SPDX-License-Identifier: MIT
/* Names of statuses and migratetypes, for callers' messages. */
#include <regionfuzz/engine.h>

const char *rf_strerror(int status)
{
	switch (status) {
	case RF_OK:		return "success";
	case RF_ENOMEM:		return "no free block satisfies the request";
	case RF_EBUSY:		return "the pageblock holds unmovable pages";
	case RF_ENOENT:		return "the region allocator does not hold that region";
	case RF_EINVAL:		return "invalid argument (order, migratetype, zone, quota or precondition)";
	case RF_ERANGE:		return "pfn outside the node";
	case RF_EXDEV:		return "the pfn range crosses a zone boundary";
	case RF_ENOTALLOC:	return "not an allocated block of that order";
	case RF_EMODE:		return "the operation does not exist in this mode";
	case RF_EGEOMETRY:	return "geometry outside the accepted ranges";
	case RF_ENOSPC:		return "out of host memory";
	}
	return "unknown status";
}

const char *rf_migratetype_name(int mt)
{
	static const char *const names[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = "UNMOVABLE",
		[MIGRATE_RECLAIMABLE] = "RECLAIMABLE",
		[MIGRATE_MOVABLE] = "MOVABLE",
		[MIGRATE_RESERVE] = "RESERVE",
		[MIGRATE_ISOLATE] = "ISOLATE",
	};

	return mt >= 0 && mt < MIGRATE_TYPES ? names[mt] : "?";
}
