using Xunit;

// Two cores: the concurrency tests run their own writer threads, so the runner keeps to two test classes at a time.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
