#pragma once

#include "article.h"

#include <QString>
#include <QStringView>

namespace entente {

// Reads a saved web page into an article without fetching anything: title from og:title,
// <title> or the first <h1>; date from article:published_time, JSON-LD datePublished or
// <time datetime>; author from meta author, JSON-LD or rel=author; the body from <article>,
// else from the largest group of sibling <p> paragraphs, one paragraph per line pair. Scripts,
// styles, navigation, headers, footers, asides, forms and comments are dropped.
//
// The tokenizer is a single forward pass with an explicit element stack (no recursion, no
// DOM): deeply nested or broken markup costs linear time.
[[nodiscard]] ArticleRecord readHtml(const QString &html);

// "&amp;", "&#8217;", "&#x2019;", "&nbsp;" and the other common named entities.
[[nodiscard]] QString decodeHtmlEntities(QStringView text);

// Whether decoded text starts like an HTML document (<!DOCTYPE html>, <html>).
[[nodiscard]] bool looksLikeHtml(QStringView text);

} // namespace entente
