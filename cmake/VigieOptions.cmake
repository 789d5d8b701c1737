# Project-wide compile rules, carried by one INTERFACE target that every target links.
add_library(vigie_options INTERFACE)
add_library(Vigie::options ALIAS vigie_options)
target_compile_features(vigie_options INTERFACE cxx_std_23)
target_compile_definitions(vigie_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH
  QT_DISABLE_DEPRECATED_UP_TO=0x060800
  VIGIE_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(vigie_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Woverloaded-virtual -Wimplicit-fallthrough)
elseif(MSVC)
  target_compile_options(vigie_options INTERFACE /W4 /permissive- /utf-8)
endif()
