#include "config/SchemaValidator.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "config/KeySuggestion.hpp"

namespace ocomms::config {
namespace {

const SourceLocation kNowhere{"test.yaml", 7, 3};

SettingsSchema databaseSchema() {
    return {
        Setting::string("url").nonEmpty().secret(),
        Setting::integer("pool_size").range(1, 256).defaultTo(8),
        Setting::boolean("auto_migrate").defaultTo(true),
        Setting::duration("acquire_timeout").range(10, 300'000).defaultTo("5s"),
        Setting::string("mode").oneOf({"fast", "safe"}).defaultTo("safe"),
        Setting::stringList("tags").defaultTo(nlohmann::json::array()),
    };
}

ValidationResult validate(const std::string& yaml, const SettingsSchema& schema, const std::string& keyPath = "") {
    return validateSettings(YAML::Load(yaml), schema, "test.yaml", keyPath, kNowhere);
}

std::vector<std::string> messages(const ValidationResult& result) {
    std::vector<std::string> lines;
    for (const auto& issue : result.issues) lines.push_back(issue.toString());
    return lines;
}

TEST(SchemaValidator, FillsDefaultsAndTypesValues) {
    auto result = validate("url: sqlite:x.db\npool_size: 32\nacquire_timeout: 250ms\ntags: [a, b]\n",
                           databaseSchema());
    ASSERT_TRUE(result.ok()) << testing::PrintToString(messages(result));
    EXPECT_EQ(result.values, nlohmann::json::parse(R"({"url": "sqlite:x.db", "pool_size": 32, "auto_migrate": true,
        "acquire_timeout": 250, "mode": "safe", "tags": ["a", "b"]})"));
    EXPECT_TRUE(result.values["pool_size"].is_number_integer());
    EXPECT_EQ(result.values["pool_size"].get<std::int64_t>(), 32);
}

TEST(SchemaValidator, DurationDefaultsAreMilliseconds) {
    auto result = validate("url: x\n", databaseSchema());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.values["acquire_timeout"], 5000);
}

TEST(SchemaValidator, BareDurationNumberIsSeconds) {
    auto result = validate("url: x\nacquire_timeout: 3\n", databaseSchema());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.values["acquire_timeout"], 3000);
}

TEST(SchemaValidator, MissingNodeTakesEveryDefault) {
    const SettingsSchema schema{Setting::integer("keep").defaultTo(7), Setting::boolean("on").defaultTo(false)};
    for (const YAML::Node& node : {YAML::Node(), YAML::Load("~"), YAML::Node(YAML::NodeType::Undefined)}) {
        auto result = validateSettings(node, schema, "test.yaml", "plugins[0].settings", kNowhere);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.values, nlohmann::json::parse(R"({"keep": 7, "on": false})"));
    }
}

TEST(SchemaValidator, MissingRequiredKeyIsReportedAtTheMapping) {
    auto result = validate("\n  pool_size: 9\n", databaseSchema(), "database");
    EXPECT_EQ(messages(result), std::vector<std::string>{"test.yaml:2:3: database.url: is required"});
}

TEST(SchemaValidator, MissingRequiredKeyOfAbsentSectionIsReportedAtTheFallback) {
    auto result = validateSettings(YAML::Node(), databaseSchema(), "test.yaml", "database", kNowhere);
    EXPECT_EQ(messages(result), std::vector<std::string>{"test.yaml:7:3: database.url: is required"});
}

TEST(SchemaValidator, NullValueCountsAsMissing) {
    auto result = validate("url:\npool_size: ~\n", databaseSchema());
    EXPECT_EQ(messages(result), std::vector<std::string>{"test.yaml:1:1: url: is required"});
    EXPECT_EQ(result.values["pool_size"], 8);
}

TEST(SchemaValidator, UnknownKeySuggestsTheClosestKnownKey) {
    auto result = validate("url: x\npool_sise: 3\n", databaseSchema(), "database");
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:2:1: database.pool_sise: unknown key 'pool_sise', did you mean "
                                       "'pool_size'? (expected one of: url, pool_size, auto_migrate, "
                                       "acquire_timeout, mode, tags)"});
}

TEST(SchemaValidator, UnknownKeyFarFromAnyKnownKeyListsTheKnownOnes) {
    auto result = validate("url: x\ncolour: red\n", databaseSchema());
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:2:1: colour: unknown key 'colour' (expected one of: url, "
                                       "pool_size, auto_migrate, acquire_timeout, mode, tags)"});
}

TEST(SchemaValidator, KeysOfAnEmptySchemaAreAllUnknown) {
    auto result = validate("anything: 1\n", SettingsSchema{}, "plugins[0].settings");
    EXPECT_EQ(messages(result), std::vector<std::string>{
                                    "test.yaml:1:1: plugins[0].settings.anything: unknown key 'anything' (this "
                                    "section takes no keys)"});
}

TEST(SchemaValidator, KeysValidatedElsewhereAreNeitherTypedNorUnknown) {
    auto result = validateSettings(YAML::Load("url: x\nplugins: [1, 2]\nplugns: 3\n"), databaseSchema(),
                                   "test.yaml", "", kNowhere, {"plugins"});
    ASSERT_EQ(result.issues.size(), 1U);
    EXPECT_NE(result.issues[0].message.find("did you mean 'plugins'?"), std::string::npos);
    EXPECT_FALSE(result.values.contains("plugins"));
}

TEST(SchemaValidator, WrongTypesSayWhatWasExpectedAndGot) {
    auto result = validate("url: x\npool_size: abc\nauto_migrate: yes\nacquire_timeout: soon\ntags: {a: 1}\n",
                           databaseSchema(), "database");
    EXPECT_EQ(messages(result),
              (std::vector<std::string>{
                  R"(test.yaml:2:12: database.pool_size: must be an integer (got "abc"))",
                  R"(test.yaml:3:15: database.auto_migrate: must be true or false (got "yes"))",
                  R"(test.yaml:4:18: database.acquire_timeout: must be a duration such as 250ms, 30s, 5m, 2h or 7d (got "soon"))",
                  "test.yaml:5:7: database.tags: must be a list of strings (got a mapping)",
              }));
}

TEST(SchemaValidator, ScalarSettingGivenAMappingIsAnIssue) {
    auto result = validate("url: x\npool_size: {a: 1}\n", databaseSchema());
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:2:12: pool_size: must be an integer (got a mapping)"});
}

TEST(SchemaValidator, BooleansAreOnlyTrueAndFalse) {
    const SettingsSchema schema{Setting::boolean("on")};
    for (const char* yes : {"true", "True", "TRUE"}) EXPECT_EQ(validate(std::string("on: ") + yes, schema).values["on"], true);
    for (const char* no : {"false", "False", "FALSE"}) EXPECT_EQ(validate(std::string("on: ") + no, schema).values["on"], false);
    for (const char* other : {"yes", "no", "on", "off", "1", "0", "y"})
        EXPECT_FALSE(validate(std::string("on: ") + other, schema).ok()) << other;
}

TEST(SchemaValidator, OutOfRangeValuesNameTheBounds) {
    auto result = validate("url: x\npool_size: 0\nacquire_timeout: 5ms\n", databaseSchema(), "database");
    EXPECT_EQ(messages(result),
              (std::vector<std::string>{
                  "test.yaml:2:12: database.pool_size: must be between 1 and 256 (got 0)",
                  "test.yaml:3:18: database.acquire_timeout: must be between 10ms and 5m (got 5ms)",
              }));
}

TEST(SchemaValidator, IntegersSpanInt64AndRefuseOverflow) {
    const SettingsSchema schema{Setting::integer("low").range(5, INT64_MAX), Setting::integer("any")};
    EXPECT_EQ(messages(validate("low: 4\nany: -9223372036854775808\n", schema)),
              std::vector<std::string>{"test.yaml:1:6: low: must be between 5 and 9223372036854775807 (got 4)"});
    EXPECT_EQ(messages(validate("low: 99999999999999999999\nany: 1\n", schema)),
              std::vector<std::string>{R"(test.yaml:1:6: low: must be an integer (got "99999999999999999999"))"});
}

TEST(SchemaValidator, StringRules) {
    auto result = validate("url: ''\nmode: quick\n", databaseSchema());
    EXPECT_EQ(messages(result), (std::vector<std::string>{
                                    "test.yaml:1:6: url: must not be empty",
                                    R"(test.yaml:2:7: mode: must be one of: fast, safe (got "quick"))",
                                }));
}

TEST(SchemaValidator, StringListElementsMustBeStrings) {
    auto result = validate("url: x\ntags:\n  - a\n  - [b]\n  - c\n", databaseSchema(), "database");
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:4:5: database.tags[1]: must be a string (got a list)"});
}

TEST(SchemaValidator, NestedObjectsHaveDottedKeyPaths) {
    const SettingsSchema inner{Setting::integer("c").range(0, 10).defaultTo(1), Setting::string("d")};
    const SettingsSchema schema{Setting::object("b", inner)};
    auto result = validate("b:\n  c: 11\n", schema, "a");
    EXPECT_EQ(messages(result), (std::vector<std::string>{
                                    "test.yaml:2:6: a.b.c: must be between 0 and 10 (got 11)",
                                    "test.yaml:2:3: a.b.d: is required",
                                }));

    auto absent = validate("{}", SettingsSchema{Setting::object("b", SettingsSchema{
                                                                            Setting::integer("c").defaultTo(1)})});
    ASSERT_TRUE(absent.ok());
    EXPECT_EQ(absent.values, nlohmann::json::parse(R"({"b": {"c": 1}})"));
}

TEST(SchemaValidator, ObjectGivenAScalarIsAnIssue) {
    const SettingsSchema schema{Setting::object("b", SettingsSchema{Setting::integer("c").defaultTo(1)})};
    EXPECT_EQ(messages(validate("b: 5\n", schema)),
              std::vector<std::string>{R"(test.yaml:1:4: b: must be a mapping (got "5"))"});
}

TEST(SchemaValidator, DuplicateKeysAreIssues) {
    auto result = validate("url: x\npool_size: 3\npool_size: 4\n", databaseSchema());
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:3:1: pool_size: is given twice (first on line 2)"});
}

TEST(SchemaValidator, EveryIssueIsReportedNotJustTheFirst) {
    auto result = validate("pool_size: 0\nauto_migrate: maybe\nmode: x\nextra: 1\n", databaseSchema());
    EXPECT_EQ(result.issues.size(), 5U) << testing::PrintToString(messages(result));
}

TEST(SchemaValidator, SubstitutesEnvironmentVariablesBeforeTyping) {
    ::setenv("OCOMMS_SCHEMA_TEST_POOL", "42", 1);
    ::unsetenv("OCOMMS_SCHEMA_TEST_UNSET");
    auto result = validate("url: '${OCOMMS_SCHEMA_TEST_UNSET:-sqlite:d.db}'\npool_size: ${OCOMMS_SCHEMA_TEST_POOL}\n"
                           "tags: ['${OCOMMS_SCHEMA_TEST_POOL}', '$$x']\n",
                           databaseSchema());
    ::unsetenv("OCOMMS_SCHEMA_TEST_POOL");
    ASSERT_TRUE(result.ok()) << testing::PrintToString(messages(result));
    EXPECT_EQ(result.values["url"], "sqlite:d.db");
    EXPECT_EQ(result.values["pool_size"], 42);
    EXPECT_EQ(result.values["tags"], nlohmann::json::parse(R"(["42", "$x"])"));
}

TEST(SchemaValidator, UnsetVariableIsAnIssueAtItsValue) {
    ::unsetenv("OCOMMS_SCHEMA_TEST_UNSET");
    auto result = validate("url: x\nmode: \"${OCOMMS_SCHEMA_TEST_UNSET}\"\n", databaseSchema(), "db");
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"test.yaml:2:7: db.mode: environment variable 'OCOMMS_SCHEMA_TEST_UNSET' is "
                                       "not set (write '${OCOMMS_SCHEMA_TEST_UNSET:-default}' to give a default)"});
}

TEST(SchemaValidator, SecretValuesNeverAppearInMessages) {
    const std::string secret = "Hunter2SecretValue";
    const SettingsSchema schema{
        Setting::integer("pin").secret(),
        Setting::string("word").secret().oneOf({"a", "b"}),
        Setting::duration("wait").secret(),
        Setting::boolean("flag").secret(),
        Setting::string("ref").secret(),
        Setting::stringList("list").secret(),
    };
    auto result = validate("pin: " + secret + "\nword: " + secret + "\nwait: " + secret + "\nflag: " + secret +
                               "\nref: 'x${" + secret + " y}'\nlist: " + secret + "\n",
                           schema);
    ASSERT_EQ(result.issues.size(), 6U) << testing::PrintToString(messages(result));
    for (const auto& line : messages(result)) EXPECT_EQ(line.find("Hunter2"), std::string::npos) << line;
    EXPECT_EQ(messages(result)[0], "test.yaml:1:6: pin: must be an integer");
}

TEST(SchemaValidator, NonSecretValuesAreQuotedAndShortened) {
    const SettingsSchema schema{Setting::integer("n")};
    auto result = validate("n: " + std::string(100, 'x') + "\n", schema);
    ASSERT_EQ(result.issues.size(), 1U);
    EXPECT_EQ(result.issues[0].message, "must be an integer (got \"" + std::string(60, 'x') + "...\")");
}

TEST(KeySuggestion, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
    EXPECT_EQ(editDistance("pool_size", "pool_size"), 0U);
    EXPECT_EQ(editDistance("pool_sise", "pool_size"), 1U);
    EXPECT_EQ(editDistance("pool_szie", "pool_size"), 1U);
    EXPECT_EQ(editDistance("poolsize", "pool_size"), 1U);
    EXPECT_EQ(editDistance("", "abc"), 3U);
    EXPECT_EQ(editDistance("kitten", "sitting"), 3U);
}

TEST(KeySuggestion, SuggestsOnlyWithinTwoEdits) {
    EXPECT_EQ(unknownKeyMessage("lisen", {"listen", "threads"}),
              "unknown key 'lisen', did you mean 'listen'? (expected one of: listen, threads)");
    EXPECT_EQ(unknownKeyMessage("port", {"listen", "threads"}),
              "unknown key 'port' (expected one of: listen, threads)");
}

}  // namespace
}  // namespace ocomms::config
