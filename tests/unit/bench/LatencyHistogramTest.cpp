#include "LatencyHistogram.hpp"

#include <gtest/gtest.h>

namespace ocomms::bench {
namespace {

TEST(LatencyHistogram, SmallValuesAreExact) {
    LatencyHistogram histogram;
    for (std::uint64_t value = 1; value <= 100; ++value) histogram.record(value);
    EXPECT_EQ(histogram.count(), 100u);
    EXPECT_EQ(histogram.percentile(0.50), 50u);
    EXPECT_EQ(histogram.percentile(0.99), 99u);
    EXPECT_EQ(histogram.percentile(1.0), 100u);
    EXPECT_EQ(histogram.max(), 100u);
}

TEST(LatencyHistogram, LargeValuesKeepUnderOnePercentError) {
    for (const std::uint64_t value : {300ull, 1'234ull, 98'765ull, 5'000'000ull, 1ull << 40}) {
        LatencyHistogram histogram;
        histogram.record(value);
        histogram.record(value * 2);
        const auto median = histogram.percentile(0.5);
        EXPECT_GE(median, value);
        EXPECT_LE(static_cast<double>(median), static_cast<double>(value) * 1.01) << value;
    }
}

TEST(LatencyHistogram, PercentileFollowsTheDistribution) {
    LatencyHistogram histogram;
    for (int i = 0; i < 990; ++i) histogram.record(1'000);
    for (int i = 0; i < 10; ++i) histogram.record(50'000);
    EXPECT_LE(histogram.percentile(0.99), 1'010u);
    EXPECT_GE(histogram.percentile(0.995), 50'000u);
    EXPECT_EQ(histogram.max(), 50'000u);
}

TEST(LatencyHistogram, ClearForgetsEverything) {
    LatencyHistogram histogram;
    histogram.record(7);
    histogram.clear();
    EXPECT_EQ(histogram.count(), 0u);
    EXPECT_EQ(histogram.percentile(0.5), 0u);
    EXPECT_EQ(histogram.max(), 0u);
}

}  // namespace
}  // namespace ocomms::bench
