"""pages/template_filters.py: the public templates' image() reads renditions from the cache."""

import pytest
from wagtail.images.jinja2tags import image as wagtail_image

from pages.template_filters import image

from .helpers import english

pytestmark = pytest.mark.django_db


def a_gallery_image():
    return english().gallery_items.first().before_image


def rendition_cache_key(picture, spec):
    from wagtail.images.models import Filter

    Rendition = picture.get_rendition_model()
    rendition_filter = Filter(spec=spec)
    return Rendition, Rendition.construct_cache_key(
        picture, rendition_filter.get_cache_key(picture), spec
    )


def test_a_rendition_missing_from_the_cache_is_found_and_cached():
    picture = a_gallery_image()
    Rendition, key = rendition_cache_key(picture, "fill-80x80")
    Rendition.cache_backend.delete(key)

    tag = image(picture, "fill-80x80", alt="Before")

    assert tag == wagtail_image(picture, "fill-80x80", alt="Before")
    assert Rendition.cache_backend.get(key) is not None


def test_a_cached_rendition_costs_no_query(django_assert_num_queries):
    picture = a_gallery_image()
    image(picture, "fill-80x80")

    with django_assert_num_queries(0):
        rendition = image(picture, "fill-80x80")

    assert rendition.image is picture
    assert rendition.width == 80


def test_no_image_renders_nothing():
    assert image(None, "fill-80x80", alt="") == ""
