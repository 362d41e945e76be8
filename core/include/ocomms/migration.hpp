// Schema migrations as plain data.
//
// `ocomms_add_plugin(... MIGRATIONS dir)` compiles every `dir/sqlite/NNNN_name.sql` and
// `dir/postgres/NNNN_name.sql` into the plugin as the exported table `ocomms_plugin_migrations`; the host
// applies the pending ones of its dialect in version order, each in its own transaction, and records them
// in `schema_migrations` (plugin, version, name, checksum). An applied migration whose text changed is an
// error: add a new migration instead of editing an old one.
#pragma once

#include <cstddef>

extern "C" {

struct ocomms_migration {
    const char* dialect;  ///< "sqlite" or "postgres"
    int version;          ///< NNNN from the file name
    const char* name;     ///< the rest of the file name, without ".sql"
    const char* sql;      ///< the whole file; may hold several statements
};

struct ocomms_migration_table {
    std::size_t count;
    const ocomms_migration* migrations;
};
}
