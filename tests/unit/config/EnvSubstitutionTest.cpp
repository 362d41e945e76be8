#include "config/EnvSubstitution.hpp"

#include <cstdlib>
#include <map>

#include <gtest/gtest.h>

namespace ocomms::config {
namespace {

EnvLookup fakeEnvironment(std::map<std::string, std::string> variables) {
    return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
        auto found = variables.find(name);
        if (found == variables.end()) return std::nullopt;
        return found->second;
    };
}

const EnvLookup env = fakeEnvironment({{"HOST", "db.example"}, {"EMPTY", ""}, {"PORT_1", "5432"}});

std::string errorOf(const std::string& text) {
    try {
        substituteEnv(text, env);
    } catch (const SubstitutionError& error) {
        return error.what();
    }
    return "(no error)";
}

TEST(EnvSubstitution, TextWithoutReferencesIsUnchanged) {
    EXPECT_EQ(substituteEnv("", env), "");
    EXPECT_EQ(substituteEnv("plain text: {braces} and -", env), "plain text: {braces} and -");
}

TEST(EnvSubstitution, SetVariableIsSubstitutedWherever) {
    EXPECT_EQ(substituteEnv("${HOST}", env), "db.example");
    EXPECT_EQ(substituteEnv("postgresql://${HOST}:${PORT_1}/x", env), "postgresql://db.example:5432/x");
}

TEST(EnvSubstitution, SetButEmptyVariableGivesEmptyText) {
    EXPECT_EQ(substituteEnv("[${EMPTY}]", env), "[]");
}

TEST(EnvSubstitution, UnsetVariableWithoutDefaultIsAnErrorNamingIt) {
    EXPECT_THROW(substituteEnv("${MISSING}", env), SubstitutionError);
    EXPECT_NE(errorOf("x ${MISSING} y").find("'MISSING' is not set"), std::string::npos) << errorOf("${MISSING}");
}

TEST(EnvSubstitution, DefaultAppliesWhenUnsetOrEmpty) {
    EXPECT_EQ(substituteEnv("${MISSING:-sqlite:var/x.db}", env), "sqlite:var/x.db");
    EXPECT_EQ(substituteEnv("${EMPTY:-fallback}", env), "fallback");
    EXPECT_EQ(substituteEnv("${HOST:-fallback}", env), "db.example");
}

TEST(EnvSubstitution, DefaultMayBeEmptyOrHoldColonsAndDashes) {
    EXPECT_EQ(substituteEnv("${MISSING:-}", env), "");
    EXPECT_EQ(substituteEnv("${MISSING:-http://localhost:8080/a-b}", env), "http://localhost:8080/a-b");
}

TEST(EnvSubstitution, DoubleDollarIsOneLiteralDollar) {
    EXPECT_EQ(substituteEnv("price: $$5", env), "price: $5");
    EXPECT_EQ(substituteEnv("$${HOST}", env), "${HOST}");
    EXPECT_EQ(substituteEnv("$$$${HOST}", env), "$${HOST}");
    EXPECT_EQ(substituteEnv("$$${HOST}", env), "$db.example");
}

TEST(EnvSubstitution, LoneDollarIsKept) {
    EXPECT_EQ(substituteEnv("$HOME and $ and end$", env), "$HOME and $ and end$");
}

TEST(EnvSubstitution, UnterminatedReferenceIsAnError) {
    EXPECT_THROW(substituteEnv("${HOST", env), SubstitutionError);
    EXPECT_NE(errorOf("abc${HOST").find("unterminated"), std::string::npos);
    EXPECT_THROW(substituteEnv("${", env), SubstitutionError);
}

TEST(EnvSubstitution, InvalidNamesAreErrors) {
    for (const char* text : {"${}", "${1ABC}", "${A-B}", "${A B}", "${:-x}", "${A.B:-x}"}) {
        EXPECT_THROW(substituteEnv(text, env), SubstitutionError) << text;
    }
    EXPECT_NE(errorOf("${A-B}").find("invalid environment variable name 'A-B'"), std::string::npos);
}

TEST(EnvSubstitution, OnlyInvalidNameErrorsQuoteTheText) {
    auto quotes = [](const std::string& text) {
        try {
            substituteEnv(text, env);
        } catch (const SubstitutionError& error) {
            return error.quotesText();
        }
        return false;
    };
    EXPECT_TRUE(quotes("${A B}"));
    EXPECT_FALSE(quotes("${MISSING}"));
    EXPECT_FALSE(quotes("${unterminated"));
}

TEST(EnvSubstitution, SubstitutedValuesAreNotSubstitutedAgain) {
    const EnvLookup tricky = fakeEnvironment({{"A", "${B}"}, {"B", "no"}});
    EXPECT_EQ(substituteEnv("${A}", tricky), "${B}");
}

TEST(EnvSubstitution, ProcessEnvironmentReadsRealVariables) {
    ::setenv("OCOMMS_ENV_SUBSTITUTION_TEST", "value-1", 1);
    ::unsetenv("OCOMMS_ENV_SUBSTITUTION_TEST_UNSET");
    const auto lookup = processEnvironment();
    EXPECT_EQ(lookup("OCOMMS_ENV_SUBSTITUTION_TEST"), "value-1");
    EXPECT_EQ(lookup("OCOMMS_ENV_SUBSTITUTION_TEST_UNSET"), std::nullopt);
    ::unsetenv("OCOMMS_ENV_SUBSTITUTION_TEST");
}

}  // namespace
}  // namespace ocomms::config
