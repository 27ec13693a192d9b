"""An attachment's kind and size in words, for the session page."""

from django import template

from ..bijlagen import grootte_in_woorden, soort_in_woorden

register = template.Library()

register.filter("soort_in_woorden", soort_in_woorden)
register.filter("grootte_in_woorden", grootte_in_woorden)
