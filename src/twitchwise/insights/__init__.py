"""Pure statistics of the diary: daily tables, trigger associations, synthetic diaries."""
