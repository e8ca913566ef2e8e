"""Generators of test data with a known truth, for the tests and the benchmarks (never used by the program).

* :mod:`.synthetic_nights`: sleep recordings (EMG, EEG, ECG, accelerometer) with planted leg
  movements, arousals and stages.
* :mod:`.simulated_diaries`: twitch diaries with planted trigger effects.
"""
