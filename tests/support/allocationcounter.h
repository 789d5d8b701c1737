#pragma once

#include <QtGlobal>

// Counts the heap allocations (global operator new) made while a counter is alive, for the tests
// and benchmarks that check a steady state allocates nothing. allocationcounter.cpp replaces the
// global operator new (with malloc, counting), so it is not part of vigie_testsupport: a program
// that uses the counter adds it to its sources. One counter at a time; every thread counts.
namespace Vigie::Test {

class AllocationCounter
{
public:
    AllocationCounter();
    ~AllocationCounter();
    Q_DISABLE_COPY_MOVE(AllocationCounter)

    qint64 count() const;
    qint64 bytes() const;
};

} // namespace Vigie::Test
