#include <gtest/gtest.h>

#include "plugin/DependencyOrder.hpp"

namespace ocomms::plugin {
namespace {

TEST(DependencyOrder, KeepsConfigurationOrderWhenFree) {
    EXPECT_EQ(dependencyOrder({"a", "b", "c"}, {}), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(DependencyOrder, PutsRequirementsFirst) {
    EXPECT_EQ(dependencyOrder({"export", "chat", "health"}, {{"export", {"chat"}}, {"chat", {"health"}}}),
              (std::vector<std::string>{"health", "chat", "export"}));
}

TEST(DependencyOrder, MissingRequirementNamesBoth) {
    try {
        dependencyOrder({"export"}, {{"export", {"chat"}}});
        FAIL();
    } catch (const DependencyError& e) {
        EXPECT_STREQ(e.what(), "plugin 'export' requires 'chat', which is not enabled");
    }
}

TEST(DependencyOrder, CycleIsNamedInFull) {
    try {
        dependencyOrder({"a", "b", "c"}, {{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}});
        FAIL();
    } catch (const DependencyError& e) {
        EXPECT_STREQ(e.what(), "plugins require each other in a cycle: a -> b -> c -> a");
    }
}

TEST(DependencyOrder, SelfRequirementIsACycle) {
    EXPECT_THROW(dependencyOrder({"a"}, {{"a", {"a"}}}), DependencyError);
}

}  // namespace
}  // namespace ocomms::plugin
