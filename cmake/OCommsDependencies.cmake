# Every dependency comes from Debian packages; scripts/lib/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Net)
find_package(yaml-cpp REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(PostgreSQL REQUIRED)
find_package(SQLite3 REQUIRED)

find_package(SOCI REQUIRED)
