#include "allocationcounter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<bool> counting{false};
std::atomic<qint64> allocations{0};
std::atomic<qint64> allocatedBytes{0};

} // namespace

void *operator new(std::size_t size)
{
    if (counting.load(std::memory_order_relaxed)) {
        allocations.fetch_add(1, std::memory_order_relaxed);
        allocatedBytes.fetch_add(qint64(size), std::memory_order_relaxed);
    }
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

namespace Vigie::Test {

AllocationCounter::AllocationCounter()
{
    allocations = 0;
    allocatedBytes = 0;
    counting = true;
}

AllocationCounter::~AllocationCounter()
{
    counting = false;
}

qint64 AllocationCounter::count() const
{
    return allocations.load();
}

qint64 AllocationCounter::bytes() const
{
    return allocatedBytes.load();
}

} // namespace Vigie::Test
