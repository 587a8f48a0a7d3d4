from blogkit.slugs import slugify


def permalink(post):
    date = post["published"]
    return f"/{date.year}/{date.month:02d}/{slugify(post['title'])}/"
