"""Rule-based extraction of figures, dates, claims, speakers and stance from news text."""
