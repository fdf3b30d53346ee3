// SQLite 3 (the issuance log). Only PHRCard imports this module, and only inside Trust/SQLiteDatabase.swift.
#ifndef PHR_CSQLITE_SHIM_H
#define PHR_CSQLITE_SHIM_H
#include <sqlite3.h>
// SQLITE_TRANSIENT is a cast macro Swift cannot import: bind calls use this to make SQLite copy the bytes.
static inline sqlite3_destructor_type phr_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
