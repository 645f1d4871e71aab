// One browser and one seeded host per class; the classes share the machine with other test projects.
[assembly: CollectionBehavior(MaxParallelThreads = 1)]
