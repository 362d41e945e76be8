// Latencies in microseconds, in fixed memory whatever the count: exact below 256 µs, then 128 buckets
// per power of two (under 0.8 % error), as HdrHistogram does.
#pragma once

#include <cstdint>
#include <vector>

namespace ocomms::bench {

class LatencyHistogram {
public:
    LatencyHistogram();

    void record(std::uint64_t microseconds);
    void clear();

    std::uint64_t count() const { return count_; }
    /// The smallest recorded value that at least `fraction` (0..1] of the values do not exceed, to the
    /// bucket's precision; 0 when empty.
    std::uint64_t percentile(double fraction) const;
    std::uint64_t max() const { return max_; }

private:
    static std::size_t bucketOf(std::uint64_t value);
    static std::uint64_t upperBoundOf(std::size_t bucket);

    std::vector<std::uint64_t> buckets_;
    std::uint64_t count_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace ocomms::bench
