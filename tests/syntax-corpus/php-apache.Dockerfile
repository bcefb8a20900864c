FROM composer:2 AS vendor
COPY composer.json composer.lock /app/
RUN composer install --no-dev --no-scripts --prefer-dist --working-dir=/app

FROM php:8.3-apache
RUN docker-php-ext-install pdo_mysql opcache \
    && a2enmod rewrite
ENV APACHE_DOCUMENT_ROOT /var/www/html/public
RUN sed -ri -e 's!/var/www/html!${APACHE_DOCUMENT_ROOT}!g' /etc/apache2/sites-available/*.conf
COPY --from=vendor /app/vendor/ /var/www/html/vendor/
COPY . /var/www/html/
RUN chown -R www-data:www-data /var/www/html/storage
