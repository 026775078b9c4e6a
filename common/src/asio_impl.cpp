// The one translation unit that compiles Asio, Asio's SSL and Beast (BOOST_*_SEPARATE_COMPILATION):
// measured −7…−19 % CPU per Beast TU (docs/development.md).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
