#include "LatencyHistogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ocomms::bench {
namespace {

constexpr unsigned kSubBucketBits = 7;                    // 128 buckets per power of two
constexpr std::uint64_t kExactBelow = 1u << (kSubBucketBits + 1);  // 256
constexpr std::size_t kBucketCount = kExactBelow + (64 - kSubBucketBits - 1) * (1u << kSubBucketBits);

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kBucketCount, 0) {}

std::size_t LatencyHistogram::bucketOf(std::uint64_t value) {
    if (value < kExactBelow) return static_cast<std::size_t>(value);
    const auto shift = static_cast<unsigned>(std::bit_width(value)) - kSubBucketBits - 1;  // >= 1
    const std::uint64_t top = value >> shift;  // 128..255
    return static_cast<std::size_t>(kExactBelow + (shift - 1) * (1u << kSubBucketBits) + (top - (1u << kSubBucketBits)));
}

std::uint64_t LatencyHistogram::upperBoundOf(std::size_t bucket) {
    if (bucket < kExactBelow) return bucket;
    const std::size_t above = bucket - kExactBelow;
    const auto shift = static_cast<unsigned>(above >> kSubBucketBits) + 1;
    const std::uint64_t top = (above & ((1u << kSubBucketBits) - 1)) + (1u << kSubBucketBits);
    return ((top + 1) << shift) - 1;
}

void LatencyHistogram::record(std::uint64_t microseconds) {
    ++buckets_[bucketOf(microseconds)];
    ++count_;
    max_ = std::max(max_, microseconds);
}

void LatencyHistogram::clear() {
    std::fill(buckets_.begin(), buckets_.end(), 0);
    count_ = 0;
    max_ = 0;
}

std::uint64_t LatencyHistogram::percentile(double fraction) const {
    if (count_ == 0) return 0;
    const auto wanted = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t bucket = 0; bucket < buckets_.size(); ++bucket) {
        seen += buckets_[bucket];
        if (seen >= wanted) return std::min(upperBoundOf(bucket), max_);
    }
    return max_;
}

}  // namespace ocomms::bench
