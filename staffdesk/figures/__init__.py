"""The figures page: the location's numbers today and this month, in plain words."""
