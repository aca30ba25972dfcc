"""pages/template_filters.py: the public templates' image() reads renditions from the cache,
and each process keeps those it has read."""

import time

import pytest
from wagtail.images.jinja2tags import image as wagtail_image

from pages import template_filters
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


def test_a_rendition_read_once_is_kept_by_the_process(django_assert_num_queries):
    picture = a_gallery_image()
    Rendition, key = rendition_cache_key(picture, "fill-80x80")
    first = image(picture, "fill-80x80", alt="Before")
    Rendition.cache_backend.delete(key)

    with django_assert_num_queries(0):
        again = image(picture, "fill-80x80", alt="Before")

    assert again == first
    assert Rendition.cache_backend.get(key) is None  # neither read nor written back


def test_kept_renditions_are_read_again_after_the_page_cache_time(monkeypatch):
    picture = a_gallery_image()
    Rendition, key = rendition_cache_key(picture, "fill-80x80")
    image(picture, "fill-80x80")
    Rendition.cache_backend.delete(key)
    later = time.monotonic() + template_filters.KEPT_SECONDS + 1
    monkeypatch.setattr(template_filters.time, "monotonic", lambda: later)

    image(picture, "fill-80x80")

    assert Rendition.cache_backend.get(key) is not None  # found and cached again


def test_a_new_focal_point_is_not_hidden_by_a_kept_rendition():
    picture = a_gallery_image()
    before = image(picture, "fill-80x80")
    picture.focal_point_x, picture.focal_point_y = 10, 10
    picture.focal_point_width = picture.focal_point_height = 20
    picture.save()

    after = image(picture, "fill-80x80")

    assert after.focal_point_key != before.focal_point_key
    assert after.url != before.url


def test_each_set_of_attributes_has_its_own_tag():
    picture = a_gallery_image()

    before, after = (
        image(picture, "fill-80x80", alt="Before"),
        image(picture, "fill-80x80", alt="After"),
    )

    assert 'alt="Before"' in before and 'alt="After"' in after
    assert image(picture, "fill-80x80", alt="Before") == before
