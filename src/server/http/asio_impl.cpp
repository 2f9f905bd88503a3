// Asio compiled once for the whole server (BOOST_ASIO_SEPARATE_COMPILATION).
#include <utility>  // g++ 12 needs std::exchange declared before Asio's headers

#include <boost/asio/impl/src.hpp>
