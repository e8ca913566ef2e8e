"""Pure signal scoring: leg movements in EMG, jerks in accelerometry, synthetic nights."""
