"""oslo.messaging set-up shared by the oslo helpers: a private configuration (no config files read), quiet logs."""
import logging
import warnings


def setup():
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR)
    for name in ("oslo_messaging", "kombu", "amqp", "oslo.messaging"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from oslo_config import cfg

    conf = cfg.CONF  # oslo.messaging 14.0.3's metrics options only register on the global CONF
    conf(args=[], project="buslab-calibration", default_config_files=[], default_config_dirs=[])
    return conf


def transport(conf, url):
    import oslo_messaging as om

    return om.get_rpc_transport(conf, url=url)
