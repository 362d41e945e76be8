#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "identity/api/JsonFields.hpp"

namespace ocomms::identity::api {
namespace {

http::Request requestWithBody(std::string body) {
    http::Request request;
    request.method = http::Method::Post;
    request.body = std::move(body);
    return request;
}

void expectHttpError(const std::function<void()>& action, int status, const std::string& code,
                     const std::string& message = "") {
    try {
        action();
        FAIL() << "expected HttpError " << code;
    } catch (const http::HttpError& e) {
        EXPECT_EQ(e.status(), status);
        EXPECT_EQ(e.code(), code);
        if (!message.empty()) {
            EXPECT_EQ(std::string(e.what()), message);
        }
    }
}

TEST(JsonFields, MalformedJsonIsInvalidJson) {
    expectHttpError([] { JsonFields::of(requestWithBody(R"({"email": )")); }, 400, "invalid_json");
}

TEST(JsonFields, EmptyBodyIsInvalidJsonWhereFieldsAreNeeded) {
    expectHttpError([] { JsonFields::of(requestWithBody("")); }, 400, "invalid_json");
}

TEST(JsonFields, BodyThatIsNotAnObjectIsInvalidBody) {
    expectHttpError([] { JsonFields::of(requestWithBody(R"(["email"])")); }, 400, "invalid_body");
    expectHttpError([] { JsonFields::of(requestWithBody(R"("text")")); }, 400, "invalid_body");
    expectHttpError([] { JsonFields::of(requestWithBody("null")); }, 400, "invalid_body");
}

TEST(JsonFields, MissingFieldIsNamed) {
    const auto fields = JsonFields::of(requestWithBody(R"({"password": "x"})"));
    expectHttpError([&] { fields.requiredString("email", 254); }, 400, "missing_field", "email: is required");
}

TEST(JsonFields, NullCountsAsMissing) {
    const auto fields = JsonFields::of(requestWithBody(R"({"email": null})"));
    expectHttpError([&] { fields.requiredString("email", 254); }, 400, "missing_field", "email: is required");
    EXPECT_FALSE(fields.optionalString("email", 254).has_value());
}

TEST(JsonFields, WrongTypeIsNamed) {
    const auto fields = JsonFields::of(requestWithBody(R"({"email": 42, "role": ["admin"]})"));
    expectHttpError([&] { fields.requiredString("email", 254); }, 400, "invalid_field", "email: must be a string");
    expectHttpError([&] { fields.optionalString("role", 16); }, 400, "invalid_field", "role: must be a string");
}

TEST(JsonFields, OverLongValueIsNamedWithItsLimit) {
    const auto fields = JsonFields(nlohmann::json{{"display_name", std::string(101, 'a')}});
    expectHttpError([&] { fields.requiredString("display_name", 100); }, 400, "invalid_field",
                    "display_name: must be at most 100 characters");
}

TEST(JsonFields, LengthCountsCharactersNotBytes) {
    std::string hundredAccents;
    for (int i = 0; i < 100; ++i) hundredAccents += "\xC3\xA9";  // é, two bytes each
    const auto fields = JsonFields(nlohmann::json{{"display_name", hundredAccents}});
    EXPECT_EQ(fields.requiredString("display_name", 100), hundredAccents);
    expectHttpError([&] { fields.requiredString("display_name", 99); }, 400, "invalid_field");
}

TEST(JsonFields, ValueAtTheLimitIsAccepted) {
    const auto fields = JsonFields(nlohmann::json{{"name", std::string(100, 'a')}});
    EXPECT_EQ(fields.requiredString("name", 100).size(), 100u);
}

TEST(JsonFields, UnknownFieldsAreIgnored) {
    const auto fields = JsonFields::of(requestWithBody(R"({"email": "a@b.c", "favourite_colour": 7})"));
    EXPECT_EQ(fields.requiredString("email", 254), "a@b.c");
}

TEST(JsonFields, OptionalFieldAbsentIsNullopt) {
    const auto fields = JsonFields::of(requestWithBody("{}"));
    EXPECT_FALSE(fields.optionalString("invite", 256).has_value());
}

TEST(JsonFields, OptionalBodyMayBeEmpty) {
    const auto fields = JsonFields::ofOptionalBody(requestWithBody("  \n"));
    EXPECT_FALSE(fields.optionalString("role", 16).has_value());
    expectHttpError([] { JsonFields::ofOptionalBody(requestWithBody("{")); }, 400, "invalid_json");
    expectHttpError([] { JsonFields::ofOptionalBody(requestWithBody("[]")); }, 400, "invalid_body");
}

TEST(JsonFields, InvalidFieldHelperNamesTheField) {
    expectHttpError([] { throwInvalidField("role", "must be \"member\" or \"admin\""); }, 400, "invalid_field",
                    "role: must be \"member\" or \"admin\"");
}

}  // namespace
}  // namespace ocomms::identity::api
