#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "identity/PasswordHasher.hpp"

namespace ocomms::identity {
namespace {

const PasswordCost kOwaspMinimum{19ull << 20, 2};

TEST(PasswordHasherTest, VerifiesTheRightPasswordAndRefusesAWrongOne) {
    const PasswordHasher hasher(kOwaspMinimum);
    const std::string hash = hasher.hash("correct horse battery");
    EXPECT_TRUE(hasher.verify(hash, "correct horse battery"));
    EXPECT_FALSE(hasher.verify(hash, "correct horse batterY"));
    EXPECT_FALSE(hasher.verify(hash, ""));
}

TEST(PasswordHasherTest, HashIsArgon2idWithTheConfiguredCostAndASalt) {
    const PasswordHasher hasher(kOwaspMinimum);
    const std::string hash = hasher.hash("correct horse battery");
    EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
    EXPECT_NE(hash, hasher.hash("correct horse battery")) << "each hash has its own salt";
}

TEST(PasswordHasherTest, NeedsRehashOnlyWhenTheConfiguredCostDiffers) {
    const PasswordHasher current(kOwaspMinimum);
    const PasswordHasher stronger({32ull << 20, 3});
    const std::string hash = current.hash("correct horse battery");
    EXPECT_FALSE(current.needsRehash(hash));
    EXPECT_TRUE(stronger.needsRehash(hash));
    EXPECT_FALSE(stronger.needsRehash(stronger.hash("correct horse battery")));
    EXPECT_TRUE(stronger.verify(hash, "correct horse battery")) << "a weaker hash still verifies";
}

TEST(PasswordHasherTest, RefusesPasswordsOutsideTenTo1024Bytes) {
    const PasswordHasher hasher(kOwaspMinimum);
    EXPECT_THROW(hasher.hash("123456789"), std::invalid_argument);
    EXPECT_THROW(hasher.hash(std::string(1025, 'x')), std::invalid_argument);
    EXPECT_NO_THROW(hasher.hash("1234567890"));
}

TEST(PasswordHasherTest, MalformedHashOrOverlongPasswordNeverVerifies) {
    const PasswordHasher hasher(kOwaspMinimum);
    EXPECT_FALSE(hasher.verify("not a hash", "correct horse battery"));
    EXPECT_TRUE(hasher.needsRehash("not a hash"));
    const std::string hash = hasher.hash(std::string(1024, 'x'));
    EXPECT_TRUE(hasher.verify(hash, std::string(1024, 'x')));
    EXPECT_FALSE(hasher.verify(hash, std::string(1025, 'x')));
}

}  // namespace
}  // namespace ocomms::identity
